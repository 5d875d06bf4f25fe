import test from 'ava';
import { decodeEnvelope, describeIssues, MAX_REASON_LENGTH, nestingExceeds } from '../../../shared/messages/decode.js';
import { buildEnvelope } from '../../../shared/messages/envelope.js';

const valid = buildEnvelope(
  { type: 'launch-server', tenantId: 't1', jobId: 'j1', payload: { a: [1, 'x', null] } },
  'id-1',
  new Date('2026-01-02T03:04:05.000Z'),
);
const bytes = (value: unknown): Buffer => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

test('decodeEnvelope returns a valid envelope unchanged', (t) => {
  t.deepEqual(decodeEnvelope(bytes(valid), 10_000), { ok: true, envelope: valid });
});

test('decodeEnvelope refuses a body over the limit before parsing it', (t) => {
  t.deepEqual(decodeEnvelope(Buffer.from('{not even json'), 5), {
    ok: false,
    kind: 'oversize',
    reason: 'oversize: 14 bytes > limit 5',
  });
});

test('decodeEnvelope accepts a body of exactly the limit', (t) => {
  const body = bytes(valid);
  t.true(decodeEnvelope(body, body.byteLength).ok);
});

const invalidJson: ReadonlyArray<readonly [string, string]> = [
  ['truncated object', '{"id": "a"'],
  ['NaN literal', '{"attempt": NaN}'],
  ['empty body', ''],
  ['control characters', '\u0000\u0001\u001b[31m'],
  ['undefined literal', 'undefined'],
];
for (const [name, body] of invalidJson) {
  test(`decodeEnvelope reports invalid JSON: ${name}`, (t) => {
    const result = decodeEnvelope(Buffer.from(body), 10_000);
    t.is(result.ok, false);
    if (result.ok) return;
    t.is(result.kind, 'invalid-json');
    t.regex(result.reason, /^invalid-json: /);
    t.false(
      [...result.reason].some((c) => c.charCodeAt(0) < 0x20),
      'reason has no raw control characters',
    );
  });
}

const schemaCases: ReadonlyArray<readonly [string, unknown, readonly string[]]> = [
  ['null', null, ['(root): Invalid input: expected object, received null']],
  ['an array', [valid], ['(root): Invalid input: expected object, received array']],
  ['a number', 42, ['(root): Invalid input: expected object, received number']],
  [
    'missing tenantId',
    { ...valid, tenantId: undefined },
    ['tenantId: Invalid input: expected string, received undefined'],
  ],
  ['negative attempt', { ...valid, attempt: -1 }, ['attempt: Too small: expected number to be >=0']],
  ['a bad createdAt', { ...valid, createdAt: 'yesterday' }, ['createdAt: Invalid ISO datetime']],
  ['an unknown key', { ...valid, extra: 1 }, ['(root): Unrecognized key: "extra"']],
];
for (const [name, value, expected] of schemaCases) {
  test(`decodeEnvelope lists every schema issue: ${name}`, (t) => {
    t.deepEqual(decodeEnvelope(bytes(value), 10_000), {
      ok: false,
      kind: 'schema',
      reason: `schema: ${expected.join('; ')}`,
    });
  });
}

test('decodeEnvelope refuses __proto__ and constructor keys without touching prototypes', (t) => {
  const body = `{${bytes(valid).toString().slice(1, -1)},"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}`;
  const result = decodeEnvelope(Buffer.from(body), 10_000);
  t.deepEqual(result, {
    ok: false,
    kind: 'schema',
    reason: 'schema: (root): Unrecognized keys: "__proto__", "constructor"',
  });
  t.is(({} as Record<string, unknown>)['polluted'], undefined);
});

test('decodeEnvelope keeps a payload holding a __proto__ key as plain data', (t) => {
  const body = bytes(valid).toString().replace('"payload":{', '"payload":{"__proto__":{"polluted":true},');
  const result = decodeEnvelope(Buffer.from(body), 10_000);
  t.true(result.ok);
  t.is(({} as Record<string, unknown>)['polluted'], undefined);
});

test('decodeEnvelope survives huge arrays and deep nesting', (t) => {
  const hugeArray = decodeEnvelope(bytes({ ...valid, payload: new Array(200_000).fill(0) }), 2_000_000);
  t.true(hugeArray.ok);
  const deep = decodeEnvelope(Buffer.from(`${'['.repeat(300_000)}${']'.repeat(300_000)}`), 2_000_000);
  t.deepEqual(deep, {
    ok: false,
    kind: 'schema',
    reason: 'nesting deeper than 64 levels',
  });
});

test('decodeEnvelope escapes control characters and truncates a reason built from hostile keys', (t) => {
  const hostile: Record<string, unknown> = { ...valid };
  for (let i = 0; i < 200; i += 1) hostile[`k\u0007${i}${'x'.repeat(50)}`] = i;
  const result = decodeEnvelope(bytes(hostile), 1_000_000);
  t.is(result.ok, false);
  if (result.ok) return;
  t.true(result.reason.length <= MAX_REASON_LENGTH, `length ${result.reason.length}`);
  t.false(result.reason.includes('\u0007'));
  t.true(result.reason.includes('\\u0007'));
});

test('describeIssues reports how many issues it had to leave out', (t) => {
  const issues = Array.from({ length: 100 }, (_, i) => ({
    code: 'custom' as const,
    path: ['field', i],
    message: 'x'.repeat(40),
    input: undefined,
  }));
  const reason = describeIssues(issues);
  t.true(reason.length <= MAX_REASON_LENGTH);
  t.regex(reason, /^schema: field\.0: x{40}; field\.1: /);
  t.regex(reason, / \(\+\d+ more\)$/);
});

test('decodeEnvelope refuses payloads nested deeper than the limit before validating them', (t) => {
  const depth = 10_000;
  const payload = `${'{"echo":'.repeat(depth)}"leaf"${'}'.repeat(depth)}`;
  const envelope = JSON.stringify({ ...valid, payload: '__PAYLOAD__' }).replace('"__PAYLOAD__"', payload);
  const result = decodeEnvelope(Buffer.from(envelope), 10 * 1024 * 1024);
  t.deepEqual(result, { ok: false, kind: 'schema', reason: 'nesting deeper than 64 levels' });
});

test('nestingExceeds counts only arrays and objects', (t) => {
  t.false(nestingExceeds({ a: [{ b: 'x' }] }, 3));
  t.true(nestingExceeds({ a: [{ b: {} }] }, 3));
  t.false(nestingExceeds('just a string', 0));
});
