import test from 'ava';
import type { RequestOutcome } from '../../../shared/request/service-request.js';
import { classify } from '../../../shared/steps/run-step.js';
import type { CreateServer } from '../../../shared/steps/step.js';
import { novaBody, response, summary, transportError } from './outcomes.js';

const create: CreateServer = {
  type: 'CreateServer',
  serverConfig: { server: { name: 'web-as00000001', flavorRef: '2' } },
};

const FORBIDDEN = '403 Forbidden\n\nAccess was denied to this resource.\n\n ';
const QUOTA = 'Quota exceeded for instances: Requested 1, but already used 10 of 10 instances';

const CREATE_CASES: readonly [string, RequestOutcome, unknown][] = [
  [
    '202 retries to wait for ACTIVE',
    response(202, { server: { id: 'srv1', adminPass: 'secret' } }),
    { status: 'retry', done: true, user: [], errors: [null] },
  ],
  [
    'plain 403 isolated network is a configuration failure',
    response(403, `${FORBIDDEN}Exactly 1 isolated network(s) must be attached  `),
    {
      status: 'failure',
      done: false,
      user: ['Server launch configuration is invalid: Exactly 1 isolated network(s) must be attached'],
      errors: ['CreateServerConfigurationError'],
    },
  ],
  [
    'plain 403 public network not allowed is a configuration failure',
    response(403, `${FORBIDDEN}Networks (00000000-0000-0000-0000-000000000000) not allowed`),
    {
      status: 'failure',
      done: false,
      user: ['Server launch configuration is invalid: Networks (00000000-0000-0000-0000-000000000000) not allowed'],
      errors: ['CreateServerConfigurationError'],
    },
  ],
  [
    'plain 403 required networks is a configuration failure',
    response(
      403,
      `${FORBIDDEN}Networks (00000000-0000-0000-0000-000000000000,11111111-1111-1111-1111-111111111111) required but missing`,
    ),
    {
      status: 'failure',
      done: false,
      user: [
        'Server launch configuration is invalid: Networks (00000000-0000-0000-0000-000000000000,11111111-1111-1111-1111-111111111111) required but missing',
      ],
      errors: ['CreateServerConfigurationError'],
    },
  ],
  [
    'plain 403 in lower case still matches',
    response(403, `403 forbidden\naccess was denied to this resource.\nexactly 1 isolated network(s) must be attached`),
    {
      status: 'failure',
      done: false,
      user: ['Server launch configuration is invalid: exactly 1 isolated network(s) must be attached'],
      errors: ['CreateServerConfigurationError'],
    },
  ],
  [
    'plain 403 with another text is a raw 4xx failure',
    response(403, `${FORBIDDEN}Something else`),
    { status: 'failure', done: false, user: [], errors: ['APIError'] },
  ],
  [
    '400 badRequest is a configuration failure with its message',
    response(400, novaBody('badRequest', 400, "OS-DCF:diskConfig must be either 'MANUAL' or 'AUTO'.")),
    {
      status: 'failure',
      done: false,
      user: ["Server launch configuration is invalid: OS-DCF:diskConfig must be either 'MANUAL' or 'AUTO'."],
      errors: ['CreateServerConfigurationError'],
    },
  ],
  [
    '403 quota is an over-quota failure',
    response(403, novaBody('forbidden', 403, QUOTA)),
    {
      status: 'failure',
      done: false,
      user: [`Servers cannot be created: ${QUOTA}`],
      errors: ['CreateServerOverQuoteError'],
    },
  ],
  [
    '403 forbidden with another message is a raw 4xx failure',
    response(403, novaBody('forbidden', 403, 'Policy says no')),
    { status: 'failure', done: false, user: [], errors: ['APIError'] },
  ],
  [
    '413 overLimit retries',
    response(413, novaBody('overLimit', 413, 'Rate limit')),
    { status: 'retry', done: false, user: [], errors: ['NovaRateLimitError'] },
  ],
  [
    '500 computeFault retries',
    response(500, novaBody('computeFault', 500, 'The server has either erred')),
    { status: 'retry', done: false, user: [], errors: ['NovaComputeFaultError'] },
  ],
  [
    '503 overLimit (not a standard row) retries as a 5xx',
    response(503, novaBody('overLimit', 503, 'Synthetic quota failure')),
    { status: 'retry', done: false, user: [], errors: ['APIError'] },
  ],
  [
    '401 after reauth is terminal',
    response(401, { unauthorized: { message: 'no', code: 401 } }),
    { status: 'failure', done: false, user: [], errors: ['APIError'] },
  ],
  ['418 is terminal', response(418, null), { status: 'failure', done: false, user: [], errors: ['APIError'] }],
  [
    'a 500 HTML page retries',
    response(500, '<html>oops</html>'),
    { status: 'retry', done: false, user: [], errors: ['APIError'] },
  ],
  [
    'a transport error retries',
    transportError(),
    { status: 'retry', done: false, user: [], errors: ['TransportError'] },
  ],
];

for (const [name, outcome, expected] of CREATE_CASES) {
  test(`CreateServer: ${name}`, (t) => {
    t.deepEqual(summary(classify(create, outcome)), expected);
  });
}

test('CreateServer reports the new server id and name, never the admin password', (t) => {
  const result = classify(create, response(202, { server: { id: 'srv1', adminPass: 'secret' } }));
  t.deepEqual(result.output, { serverId: 'srv1', name: 'web-as00000001' });
  t.false(JSON.stringify(result).includes('secret'));
});

test('CreateServer honours Retry-After on a rate-limited answer', (t) => {
  const result = classify(create, response(413, novaBody('overLimit', 413, 'Rate limit'), { 'Retry-After': '7' }));
  t.is(result.retryAfterMs, 7000);
});
