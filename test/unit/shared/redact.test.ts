import test from 'ava';
import { Writable } from 'node:stream';
import { REDACTED, redact, redactString } from '../../../shared/logging/redact.js';
import { createLogger } from '../../../shared/logging/create-logger.js';

const cases: { name: string; input: unknown; expected: unknown }[] = [
  { name: 'token field', input: { token: 'abc' }, expected: { token: REDACTED } },
  {
    name: 'X-Auth-Token header',
    input: { headers: { 'X-Auth-Token': 'abc', accept: 'json' } },
    expected: { headers: { 'X-Auth-Token': REDACTED, accept: 'json' } },
  },
  {
    name: 'nested password',
    input: { auth: { passwordCredentials: { username: 'u', password: 'p' } } },
    expected: { auth: { passwordCredentials: REDACTED } },
  },
  { name: 'apiKey', input: { apiKey: 'k', user: 'u' }, expected: { apiKey: REDACTED, user: 'u' } },
  { name: 'adminPass', input: [{ adminPass: 'x' }], expected: [{ adminPass: REDACTED }] },
  {
    name: 'URL credentials',
    input: { url: 'amqp://kelp:s3cret@rabbit:5672/kelp' },
    expected: { url: `amqp://kelp:${REDACTED}@rabbit:5672/kelp` },
  },
  {
    name: 'plain values untouched',
    input: { tenantId: 't1', count: 3, ok: true, none: null },
    expected: { tenantId: 't1', count: 3, ok: true, none: null },
  },
];

for (const c of cases) {
  test(`redact hides ${c.name}`, (t) => {
    t.deepEqual(redact(c.input), c.expected);
  });
}

test('redactString masks the password of every URL in a text', (t) => {
  t.is(redactString('a http://u:pw@h/x and amqp://v:pw2@h'), `a http://u:${REDACTED}@h/x and amqp://v:${REDACTED}@h`);
});

test('the logger writes JSON lines with service and child fields, secrets redacted', (t) => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ service: 'auth', level: 'debug', format: 'auto', stream, isTty: false });
  logger
    .child({ jobId: 'j1', tenantId: 't1' })
    .debug('token-fetched', { token: 'SECRET-TOKEN', password: 'SECRET-PW' });
  t.is(lines.length, 1);
  const line = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
  t.like(line, { service: 'auth', jobId: 'j1', tenantId: 't1', message: 'token-fetched', level: 'debug' });
  t.false(lines[0]?.includes('SECRET'));
});
