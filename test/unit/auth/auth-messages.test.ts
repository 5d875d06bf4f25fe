import test from 'ava';
import { decodeAuthRequest } from '../../../shared/messages/auth-messages.js';
import { buildEnvelope } from '../../../shared/messages/envelope.js';

const envelope = (type: string, tenantId: string, payload: unknown) =>
  buildEnvelope({ type, tenantId, jobId: 'j', payload }, 'id-1', new Date(0));

test('decodeAuthRequest accepts get-token and invalidate-token', (t) => {
  t.deepEqual(decodeAuthRequest(envelope('get-token', 't1', { tenantId: 't1' })), {
    ok: true,
    request: { op: 'get-token', tenantId: 't1' },
  });
  t.deepEqual(decodeAuthRequest(envelope('invalidate-token', 't1', { tenantId: 't1', token: 'x' })), {
    ok: true,
    request: { op: 'invalidate-token', tenantId: 't1', token: 'x' },
  });
});

const bad: readonly [string, string, unknown, RegExp][] = [
  ['unknown type', 'refresh', { tenantId: 't1' }, /unknown auth request type "refresh"/],
  ['missing tenant', 'get-token', {}, /tenantId: invalid_type/],
  ['extra field', 'get-token', { tenantId: 't1', token: 'x' }, /unrecognized_keys/],
  ['other tenant', 'get-token', { tenantId: 't2' }, /differs/],
  ['empty token', 'invalidate-token', { tenantId: 't1', token: '' }, /token: too_small/],
];
for (const [name, type, payload, reason] of bad) {
  test(`decodeAuthRequest rejects ${name} with a reason naming no values`, (t) => {
    const decoded = decodeAuthRequest(envelope(type, 't1', payload));
    t.false(decoded.ok);
    if (!decoded.ok) {
      t.regex(decoded.reason, reason);
      t.is(decoded.tenantId, 't1');
      t.false(decoded.reason.includes('"x"'));
    }
  });
}
