import test from 'ava';
import {
  hasHealthMonitor,
  normaliseClbList,
  normaliseClbNodes,
  normaliseRcV3PoolNodes,
  normaliseRcV3Pools,
} from '../../../shared/convergence/normalise-lb.js';
import { drainedAtFromFeed } from '../../../shared/convergence/normalise-node-feed.js';
import type { ObservedClbNode } from '../../../shared/convergence/observed-state.js';

const clbNode = (id: unknown, extra: Record<string, unknown> = {}) => ({
  id,
  address: '10.0.0.1',
  port: 80,
  condition: 'ENABLED',
  type: 'PRIMARY',
  weight: 1,
  status: 'ONLINE',
  ...extra,
});

const observedNode = (nodeId: string, extra: Partial<ObservedClbNode> = {}): ObservedClbNode => ({
  nodeId,
  address: '10.0.0.1',
  port: 80,
  condition: 'ENABLED',
  weight: 1,
  type: 'PRIMARY',
  online: true,
  drainedAtMs: null,
  ...extra,
});

const nodeCases: { name: string; json: unknown; items: readonly ObservedClbNode[]; problems?: readonly string[] }[] = [
  {
    name: 'reads nodes with numeric ids as decimal strings',
    json: { nodes: [clbNode(7), clbNode('8')] },
    items: [observedNode('7'), observedNode('8')],
  },
  {
    name: 'reads condition, type, weight and OFFLINE status',
    json: { nodes: [clbNode(7, { condition: 'DISABLED', type: 'SECONDARY', weight: 40, status: 'OFFLINE' })] },
    items: [observedNode('7', { condition: 'DISABLED', type: 'SECONDARY', weight: 40, online: false })],
  },
  {
    name: 'defaults a missing condition, type and weight and an out-of-range weight',
    json: { nodes: [clbNode(7, { condition: undefined, type: null, weight: undefined }), clbNode(8, { weight: 0 })] },
    items: [observedNode('7'), observedNode('8')],
  },
  {
    name: 'skips and reports nodes it cannot use',
    json: {
      nodes: [
        clbNode(undefined),
        clbNode('x1'),
        clbNode(1, { address: '' }),
        clbNode(2, { port: '80' }),
        clbNode(3, { condition: 'SLEEPING' }),
        clbNode(4, { type: 'TERTIARY' }),
        'junk',
        clbNode(5),
      ],
    },
    items: [observedNode('5')],
    problems: [
      'nodes[0]: missing or invalid id',
      'nodes[1]: missing or invalid id',
      'node 1: missing address',
      'node 2: invalid port',
      'node 3: unknown condition or type',
      'node 4: unknown condition or type',
      'nodes[6]: missing or invalid id',
    ],
  },
  { name: 'reports a body without a node list', json: { message: 'nope' }, items: [], problems: ['no "nodes" list'] },
];

for (const c of nodeCases) {
  test(`normaliseClbNodes ${c.name}`, (t) => {
    t.deepEqual(normaliseClbNodes(c.json), { items: c.items, problems: c.problems ?? [] });
  });
}

test('normaliseClbNodes asks for the drain time of DRAINING nodes only', (t) => {
  const asked: string[] = [];
  const result = normaliseClbNodes({ nodes: [clbNode(1, { condition: 'DRAINING' }), clbNode(2)] }, (id) => {
    asked.push(id);
    return 1234;
  });
  t.deepEqual(result.items, [observedNode('1', { condition: 'DRAINING', drainedAtMs: 1234 }), observedNode('2')]);
  t.deepEqual(asked, ['1']);
});

test('normaliseClbList keeps existing CLBs and drops deleted ones', (t) => {
  const json = {
    loadBalancers: [
      { id: 1, status: 'ACTIVE' },
      { id: 2, status: 'PENDING_DELETE' },
      { id: '3', status: 'DELETED' },
      { id: 4, status: 'PENDING_UPDATE' },
      { name: 'no id' },
    ],
  };
  t.deepEqual(normaliseClbList(json), { items: ['1', '4'], problems: ['loadBalancers[4]: missing or invalid id'] });
  t.deepEqual(normaliseClbList([]), { items: [], problems: ['no "loadBalancers" list'] });
});

const monitorCases: [name: string, json: unknown, expected: boolean][] = [
  ['a configured monitor', { healthMonitor: { type: 'CONNECT', delay: 10 } }, true],
  ['an empty monitor', { healthMonitor: {} }, false],
  ['a missing monitor', {}, false],
  ['a non-object body', 'oops', false],
];

for (const [name, json, expected] of monitorCases) {
  test(`hasHealthMonitor is ${String(expected)} for ${name}`, (t) => {
    t.is(hasHealthMonitor(json), expected);
  });
}

test('normaliseRcV3Pools lower-cases pool ids and reports entries without one', (t) => {
  t.deepEqual(normaliseRcV3Pools([{ id: 'ABC-1' }, { name: 'x' }, { id: 'def' }]), {
    items: ['abc-1', 'def'],
    problems: ['pools[1]: missing id'],
  });
  t.deepEqual(normaliseRcV3Pools({ pools: [] }), { items: [], problems: ['pool list is not an array'] });
});

test('normaliseRcV3PoolNodes reads cloud-server members and skips external nodes', (t) => {
  const json = [
    { id: 'n1', cloud_server: { id: 's1' }, load_balancer_pool: { id: 'p' }, status: 'ACTIVE' },
    { id: 'n2', external: { ip: '1.2.3.4' } },
    7,
    { cloud_server: { id: 's3' } },
  ];
  t.deepEqual(normaliseRcV3PoolNodes(json), {
    items: [
      { nodeId: 'n1', serverId: 's1' },
      { nodeId: '', serverId: 's3' },
    ],
    problems: ['nodes[2]: not an object'],
  });
  t.deepEqual(normaliseRcV3PoolNodes(null), { items: [], problems: ['pool node list is not an array'] });
});

const feed = (...entries: [summary: string, updated: string][]) =>
  `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Node</title>${entries
    .map(
      ([summary, updated]) => `<entry><summary type="text">${summary}</summary><updated>${updated}</updated></entry>`,
    )
    .join('')}</feed>`;

const feedCases: [name: string, xml: string, expected: number | null][] = [
  [
    'the first DRAINING update',
    feed(
      [
        'Node successfully updated with address: &apos;10.0.0.1&apos;, port: &apos;80&apos;, weight: &apos;1&apos;, condition: &apos;DRAINING&apos;',
        '2026-01-01T10:00:00Z',
      ],
      [
        "Node successfully updated with address: '10.0.0.1', port: '80', weight: '1', condition: 'DRAINING'",
        '2025-12-31T10:00:00Z',
      ],
    ),
    Date.parse('2026-01-01T10:00:00Z'),
  ],
  [
    'a node created DRAINING, skipping other entries',
    feed(
      [
        "Node successfully updated with address: '10.0.0.1', port: '80', weight: '1', condition: 'ENABLED'",
        '2026-01-02T00:00:00Z',
      ],
      [
        "Node successfully created with address: '10.0.0.1', port: '80', condition: 'DRAINING', weight: '1'",
        '2026-01-01T09:00:00Z',
      ],
    ),
    Date.parse('2026-01-01T09:00:00Z'),
  ],
  [
    'null without a DRAINING entry',
    feed([
      "Node successfully created with address: '10.0.0.1', port: '80', condition: 'ENABLED', weight: '1'",
      '2026-01-01T09:00:00Z',
    ]),
    null,
  ],
  [
    'null for an unreadable time',
    feed(["Node successfully updated with address: 'a', port: '80', weight: '1', condition: 'DRAINING'", 'soon']),
    null,
  ],
  ['null for text that is not a feed', '{"message": "Load balancer not found"}', null],
];

for (const [name, xml, expected] of feedCases) {
  test(`drainedAtFromFeed reads ${name}`, (t) => {
    t.is(drainedAtFromFeed(xml), expected);
  });
}
