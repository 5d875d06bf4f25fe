import test from 'ava';
import { ApiError } from '../../../shared/request/api-error.js';
import { redactUrl } from '../../../shared/request/redact-url.js';

const cases: readonly [string, string, string][] = [
  ['leaves plain URLs alone', 'http://h/v2/t1/servers/abc', 'http://h/v2/t1/servers/abc'],
  [
    'masks the token in Identity paths',
    'http://h/v2.0/tokens/secret-tok/endpoints',
    'http://h/v2.0/tokens/[REDACTED]/endpoints',
  ],
  ['keeps the bare tokens path', 'http://h/v2.0/tokens', 'http://h/v2.0/tokens'],
  ['masks userinfo', 'http://admin:pw@h/v1.1/mosso/1', 'http://[REDACTED]@h/v1.1/mosso/1'],
  [
    'masks secret query values and keeps the rest',
    'http://h/x?limit=1&token=abc&apiKey=k',
    'http://h/x?limit=1&token=[REDACTED]&apiKey=[REDACTED]',
  ],
  [
    'masks the token in a tokens path with a query',
    'http://h/v2.0/tokens/t0k?belongsTo=1',
    'http://h/v2.0/tokens/[REDACTED]?belongsTo=1',
  ],
];

for (const [name, url, expected] of cases) {
  test(`redactUrl ${name}`, (t) => {
    t.is(redactUrl(url), expected);
  });
}

test('ApiError reads like ky and carries status, method, url, body and headers', (t) => {
  const error = new ApiError({
    status: 503,
    method: 'POST',
    url: 'https://nova.test/v2/t1/servers',
    body: { message: 'busy' },
    headers: { 'retry-after': '1' },
  });
  t.is(error.message, 'Request failed with status 503: POST https://nova.test/v2/t1/servers');
  t.is(error.kind, 'api');
  t.true(error.retryable);
  t.deepEqual(
    [error.status, error.method, error.body, error.headers],
    [503, 'POST', { message: 'busy' }, { 'retry-after': '1' }],
  );
  t.true(ApiError.isApiError(error));
});

test('ApiError never carries a token in its message, url or headers', (t) => {
  const error = new ApiError({
    status: 401,
    method: 'GET',
    url: 'https://id.test/v2.0/tokens/very-secret/endpoints',
    body: null,
    headers: { 'x-auth-token': 'very-secret', 'content-type': 'application/json' },
  });
  t.false(error.retryable);
  t.false(
    JSON.stringify({ message: error.message, url: error.url, headers: error.headers, details: error.details }).includes(
      'very-secret',
    ),
  );
});
