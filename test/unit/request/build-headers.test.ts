import test from 'ava';
import { buildHeaders } from '../../../shared/request/build-headers.js';

test('buildHeaders sets token, JSON accept, user agent and request id', (t) => {
  t.deepEqual(buildHeaders({ token: 'tok', correlationId: 'job-1', userAgent: 'Kelp/0.1', hasBody: false }), {
    accept: 'application/json',
    'user-agent': 'Kelp/0.1',
    'x-request-id': 'job-1',
    'x-auth-token': 'tok',
  });
});

test('buildHeaders adds a JSON content type when there is a body', (t) => {
  t.is(
    buildHeaders({ token: 'tok', correlationId: 'c', userAgent: 'Kelp/0.1', hasBody: true })['content-type'],
    'application/json',
  );
});

test('buildHeaders lets request headers override defaults but never the token', (t) => {
  const headers = buildHeaders({
    token: 'tok',
    correlationId: 'c',
    userAgent: 'Kelp/0.1',
    hasBody: false,
    extra: { Accept: 'text/plain', 'X-Auth-Token': 'other', 'X-Extra': '1' },
  });
  t.is(headers['accept'], 'text/plain');
  t.is(headers['x-extra'], '1');
  t.is(headers['x-auth-token'], 'tok');
  t.false('Accept' in headers);
});
