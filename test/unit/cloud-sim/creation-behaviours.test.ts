import test from 'ava';
import type { ResolvedBehaviour } from '../../../services/cloud-sim/src/behaviours/registry.js';
import {
  DEFAULT_FAIL_MESSAGE,
  knobBehaviour,
  planCreate,
} from '../../../services/cloud-sim/src/nova/creation-behaviours.js';

const b = (name: string, parameters: Record<string, unknown> = {}): ResolvedBehaviour => ({
  name,
  parameters,
  entryId: null,
});

const planCases: [string, ResolvedBehaviour, unknown][] = [
  ['default builds normally', b('default'), { build: { kind: 'normal' }, error: null }],
  [
    'fail creates nothing and answers computeFault 500 by default',
    b('fail'),
    { build: null, error: { status: 500, json: { computeFault: { message: DEFAULT_FAIL_MESSAGE, code: 500 } } } },
  ],
  [
    'fail with code, type and message',
    b('fail', { code: 503, type: 'overLimit', message: 'Synthetic quota failure' }),
    { build: null, error: { status: 503, json: { overLimit: { message: 'Synthetic quota failure', code: 503 } } } },
  ],
  [
    'fail with type string answers plain text',
    b('fail', { code: 403, type: 'string', message: 'nope' }),
    { build: null, error: { status: 403, text: 'nope' } },
  ],
  [
    'fail with a raw body',
    b('fail', { code: 400, body: { any: 'thing' } }),
    { build: null, error: { status: 400, json: { any: 'thing' } } },
  ],
  [
    'false-negative creates the server and still answers the error',
    b('false-negative', { code: 500 }),
    {
      build: { kind: 'normal' },
      error: { status: 500, json: { computeFault: { message: DEFAULT_FAIL_MESSAGE, code: 500 } } },
    },
  ],
  ['build in seconds', b('build', { duration: 2.5 }), { build: { kind: 'build', durationMs: 2500 }, error: null }],
  ['error', b('error'), { build: { kind: 'error' }, error: null }],
  [
    'active-then-error',
    b('active-then-error', { duration: 3 }),
    { build: { kind: 'active-then-error', afterMs: 3000 }, error: null },
  ],
  [
    'error-during-build',
    b('error-during-build', { duration: 1 }),
    { build: { kind: 'error-during-build', durationMs: 1000 }, error: null },
  ],
  ['stuck-in-build', b('stuck-in-build'), { build: { kind: 'stuck-in-build' }, error: null }],
];

for (const [name, behaviour, expected] of planCases) {
  test(`planCreate: ${name}`, (t) => t.deepEqual(planCreate(behaviour), expected));
}

const knobCases: [string, Record<string, string>, ResolvedBehaviour | null][] = [
  ['no knobs', { a: 'b' }, null],
  [
    'create_server_failure',
    { create_server_failure: '{"message": "boom", "code": 500}' },
    b('fail', { message: 'boom', code: 500 }),
  ],
  ['create_server_failure that is not JSON', { create_server_failure: 'x' }, b('fail')],
  ['server_building', { server_building: '30' }, b('build', { duration: 30 })],
  ['server_error', { server_error: '1' }, b('error')],
];

for (const [name, metadata, expected] of knobCases) {
  test(`knobBehaviour: ${name}`, (t) => t.deepEqual(knobBehaviour(metadata), expected));
}
