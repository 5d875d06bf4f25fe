import test from 'ava';
import { BehaviourRegistry } from '../../../services/cloud-sim/src/behaviours/registry.js';
import type { CreationAttributes } from '../../../services/cloud-sim/src/nova/creation-behaviours.js';
import { CREATION_EVENT } from '../../../services/cloud-sim/src/nova/creation-behaviours.js';

function registry(): BehaviourRegistry<CreationAttributes> {
  let n = 0;
  return new BehaviourRegistry(CREATION_EVENT, () => `b${++n}`);
}

const attrs = (serverName: string, metadata: Record<string, string> = {}): CreationAttributes => ({
  serverName,
  metadata,
});

const invalid: [string, unknown, string][] = [
  ['not an object', 'x', 'behaviour must be an object'],
  ['criteria missing', { name: 'fail', parameters: {} }, 'criteria must be a list'],
  ['parameters missing', { criteria: [], name: 'fail' }, 'parameters must be an object'],
  ['unknown behaviour', { criteria: [], name: 'explode', parameters: {} }, 'unknown behaviour explode'],
  ['unknown criterion', { criteria: [{ flavor: 'x' }], name: 'fail', parameters: {} }, 'invalid criterion flavor'],
  ['bad regex', { criteria: [{ server_name: '(' }], name: 'fail', parameters: {} }, 'invalid criterion server_name'],
  ['bad parameter type', { criteria: [], name: 'fail', parameters: { code: 'x' } }, 'code must be an integer'],
  ['build without duration', { criteria: [], name: 'build', parameters: {} }, 'duration must be a number >= 0'],
  ['bad times', { criteria: [], name: 'fail', parameters: {}, times: 0 }, 'times must be a positive integer'],
  [
    'empty sequence',
    { criteria: [], name: 'sequence', parameters: { behaviors: [] } },
    'sequence needs a non-empty behaviors list',
  ],
];

for (const [name, input, message] of invalid) {
  test(`register rejects: ${name}`, (t) => t.deepEqual(registry().register(input), { ok: false, message }));
}

test('resolve answers the default when nothing matches', (t) => {
  const r = registry();
  r.register({ criteria: [{ server_name: 'fail-' }], name: 'fail', parameters: {} });
  t.deepEqual(r.resolve(attrs('ok-1')), { name: 'default', parameters: {}, entryId: null });
});

test('criteria are prefix regexes, ANDed, first match wins', (t) => {
  const r = registry();
  r.register({ criteria: [{ server_name: 'fail-' }, { metadata: { group: 'g1$' } }], name: 'error', parameters: {} });
  r.register({ criteria: [{ server_name: 'fail-' }], name: 'fail', parameters: { code: 503 } });
  t.deepEqual(
    [
      r.resolve(attrs('fail-1', { group: 'g1' })).name,
      r.resolve(attrs('fail-1', { group: 'g12' })).name,
      r.resolve(attrs('xfail-1', { group: 'g1' })).name,
    ],
    ['error', 'fail', 'default'],
  );
});

test('a metadata criterion requires the key unless the regex matches the empty string', (t) => {
  const r = registry();
  r.register({ criteria: [{ metadata: { role: '.*' } }], name: 'error', parameters: {} });
  const strict = registry();
  strict.register({ criteria: [{ metadata: { role: 'web' } }], name: 'error', parameters: {} });
  t.deepEqual(
    [r.resolve(attrs('a')).name, strict.resolve(attrs('a')).name, strict.resolve(attrs('a', { role: 'web' })).name],
    ['error', 'default', 'error'],
  );
});

test('a sequence cycles through its elements forever', (t) => {
  const r = registry();
  r.register({
    criteria: [],
    name: 'sequence',
    parameters: { behaviors: [{ name: 'fail', parameters: { code: 500 } }, { name: 'default' }] },
  });
  t.deepEqual(
    [1, 2, 3, 4].map(() => r.resolve(attrs('x')).name),
    ['fail', 'default', 'fail', 'default'],
  );
});

test('times removes the entry after that many matches', (t) => {
  const r = registry();
  const reg = r.register({ criteria: [], name: 'fail', parameters: {}, times: 2 });
  t.deepEqual(reg, { ok: true, id: 'b1' });
  t.deepEqual(
    [1, 2, 3].map(() => r.resolve(attrs('x')).name),
    ['fail', 'fail', 'default'],
  );
  t.deepEqual(r.list(), []);
});

test('remove deletes by id and reports unknown ids', (t) => {
  const r = registry();
  r.register({ criteria: [], name: 'error', parameters: {} });
  t.deepEqual([r.remove('b1'), r.remove('b1')], [true, false]);
  t.is(r.resolve(attrs('x')).name, 'default');
});
