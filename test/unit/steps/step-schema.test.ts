import test from 'ava';
import {
  isLbStep,
  isNovaStep,
  LB_STEP_TYPES,
  NOVA_STEP_TYPES,
  STEP_TYPES,
  StepSchema,
  type Step,
} from '../../../shared/steps/step.js';
import { stepJsonSchemas } from '../../../shared/steps/json-schemas.js';
import {
  renderUserReasons,
  StepResultSchema,
  stepResult,
  userReason,
  infoReason,
} from '../../../shared/steps/step-result.js';

const VALID: readonly Step[] = [
  {
    type: 'CreateServer',
    serverConfig: { server: { name: 'web-as0a1b2c3d', flavorRef: '2', imageRef: 'img', networks: [] } },
  },
  { type: 'DeleteServer', serverId: 's1' },
  { type: 'SetMetadataItemOnServer', serverId: 's1', key: 'rax:autoscale:server:state', value: 'DRAINING' },
  {
    type: 'AddNodesToCLB',
    lbId: '123',
    nodes: [{ address: '10.0.0.1', port: 80, condition: 'ENABLED', weight: 1, type: 'PRIMARY' }],
  },
  { type: 'RemoveNodesFromCLB', lbId: '123', nodeIds: ['1', '2'] },
  { type: 'ChangeCLBNode', lbId: '123', nodeId: '7', condition: 'DRAINING', weight: 5, nodeType: 'SECONDARY' },
  { type: 'BulkAddToRCv3', pairs: [{ poolId: 'POOL', serverId: 's1' }] },
  { type: 'BulkRemoveFromRCv3', pairs: [{ poolId: 'pool', serverId: 's1' }] },
  { type: 'ConvergeLater', reasons: [infoReason('waiting')], limited: true },
  { type: 'FailConvergence', reasons: [userReason('Cloud Load Balancer does not exist: 9')] },
];

test('StepSchema accepts one valid step of every type and keeps it unchanged', (t) => {
  t.deepEqual(new Set(VALID.map((s) => s.type)), new Set(STEP_TYPES));
  for (const step of VALID) t.deepEqual(StepSchema.parse(step), step);
});

const INVALID: readonly [string, unknown][] = [
  ['unknown type', { type: 'Reboot', serverId: 's1' }],
  ['no type', { serverId: 's1' }],
  ['non-decimal CLB id', { type: 'RemoveNodesFromCLB', lbId: 'abc', nodeIds: ['1'] }],
  ['empty node id list', { type: 'RemoveNodesFromCLB', lbId: '1', nodeIds: [] }],
  ['port out of range', { type: 'AddNodesToCLB', lbId: '1', nodes: [{ address: 'a', port: 70000 }] }],
  ['bad condition', { type: 'AddNodesToCLB', lbId: '1', nodes: [{ address: 'a', port: 80, condition: 'ON' }] }],
  ['weight 0', { type: 'ChangeCLBNode', lbId: '1', nodeId: '2', condition: 'ENABLED', weight: 0, nodeType: 'PRIMARY' }],
  ['empty RCv3 pairs', { type: 'BulkAddToRCv3', pairs: [] }],
  ['server without name', { type: 'CreateServer', serverConfig: { server: { flavorRef: '2' } } }],
  ['extra field', { type: 'DeleteServer', serverId: 's1', force: true }],
  ['ConvergeLater without limited', { type: 'ConvergeLater', reasons: [] }],
];

for (const [name, input] of INVALID) {
  test(`StepSchema rejects a step with ${name}`, (t) => {
    t.false(StepSchema.safeParse(input).success);
  });
}

test('LB and Nova step types partition the I/O steps', (t) => {
  t.deepEqual(LB_STEP_TYPES, [
    'AddNodesToCLB',
    'RemoveNodesFromCLB',
    'ChangeCLBNode',
    'BulkAddToRCv3',
    'BulkRemoveFromRCv3',
  ]);
  t.deepEqual(NOVA_STEP_TYPES, ['CreateServer', 'DeleteServer', 'SetMetadataItemOnServer']);
  t.deepEqual(
    VALID.filter(isLbStep).map((s) => s.type),
    [...LB_STEP_TYPES],
  );
  t.deepEqual(
    VALID.filter(isNovaStep).map((s) => s.type),
    [...NOVA_STEP_TYPES],
  );
});

test('stepJsonSchemas describes every step type', (t) => {
  const schema = JSON.stringify(stepJsonSchemas().step);
  for (const type of STEP_TYPES) t.true(schema.includes(`"const":"${type}"`), type);
});

test('stepResult defaults done from the status and validates against StepResultSchema', (t) => {
  t.deepEqual(stepResult('success'), { status: 'success', reasons: [], done: true });
  t.deepEqual(stepResult('retry', [], { retryAfterMs: 5000 }), {
    status: 'retry',
    reasons: [],
    done: false,
    retryAfterMs: 5000,
  });
  t.true(StepResultSchema.safeParse(stepResult('failure', [userReason('x', 'E', { lbId: '1' })])).success);
});

test('renderUserReasons keeps user-facing texts sorted and falls back to Unknown error occurred', (t) => {
  const reasons = [userReason('b'), infoReason('internal'), userReason('a'), userReason('b')];
  t.deepEqual(renderUserReasons(reasons), ['a', 'b']);
  t.deepEqual(renderUserReasons([infoReason('internal')]), ['Unknown error occurred']);
  t.deepEqual(renderUserReasons([userReason('a')], true), ['Timed out: a']);
});
