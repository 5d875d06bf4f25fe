import test from 'ava';
import { decodeWorkMessage } from '../../../services/supervisor/src/core/decode-work-message.js';
import { buildEnvelope } from '../../../shared/messages/envelope.js';
import { stepResult } from '../../../shared/steps/step-result.js';

const envelope = (type: string, payload: unknown) =>
  buildEnvelope({ type, tenantId: 't1', jobId: 'j1', payload }, 'm1', new Date(0));
const echo = { jobType: 'launch-server', jobId: 'j1', tenantId: 't1', seq: 4, state: { any: 1 } };

test('a progression message becomes a resume or lb-timeout input', (t) => {
  t.deepEqual(
    decodeWorkMessage(
      envelope('supervisor.progress', { jobType: 'launch-server', seq: 2, input: 'lb-timeout', state: { x: 1 } }),
    ),
    {
      ok: true,
      jobType: 'launch-server',
      jobId: 'j1',
      tenantId: 't1',
      seq: 2,
      state: { x: 1 },
      input: { kind: 'lb-timeout' },
    },
  );
});

test("an LB step result is routed by its echo, whatever the reply envelope's job", (t) => {
  const result = stepResult('success');
  const decoded = decodeWorkMessage({ ...envelope('lb.step-result', { result, echo }), jobId: 'other' });
  t.deepEqual(decoded, {
    ok: true,
    jobType: 'launch-server',
    jobId: 'j1',
    tenantId: 't1',
    seq: 4,
    state: { any: 1 },
    input: { kind: 'lb-step-result', result },
  });
});

test('an LB read result loses its echo and keeps its answer', (t) => {
  const decoded = decodeWorkMessage(envelope('lb.read-result', { ok: true, body: { nodes: [] }, echo }));
  t.like(decoded, { ok: true, input: { kind: 'lb-read-result', result: { ok: true, body: { nodes: [] } } } });
});

const bad: readonly [string, ReturnType<typeof envelope>, RegExp][] = [
  ['an unknown type', envelope('something', {}), /^unexpected message type "something"/],
  ['a reply without echo', envelope('lb.step-result', { result: stepResult('success') }), /^invalid echo/],
  [
    'a malformed progression',
    envelope('supervisor.progress', { jobType: 'x', seq: 0, input: 'resume', state: 1 }),
    /^invalid progress message: seq:/,
  ],
];
for (const [title, message, reason] of bad) {
  test(`${title} is refused with a reason`, (t) => {
    const decoded = decodeWorkMessage(message);
    t.false(decoded.ok);
    if (!decoded.ok) t.regex(decoded.reason, reason);
  });
}
