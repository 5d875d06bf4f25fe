import test from 'ava';
import type { ServiceRequest } from '../../../shared/request/service-request.js';
import { toRequests } from '../../../shared/steps/run-step.js';
import type { Step } from '../../../shared/steps/step.js';
import { infoReason } from '../../../shared/steps/step-result.js';

const ids = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

const serverConfig = {
  server: { name: 'web-as0a1b2c3d', flavorRef: '2', imageRef: 'img', metadata: { 'rax:autoscale:group:id': 'g1' } },
};

const clbRemove = (batch: readonly string[]): ServiceRequest => ({
  service: 'cloudLoadBalancers',
  method: 'DELETE',
  path: ['loadbalancers', '123', 'nodes'],
  query: { id: batch },
  okStatus: [202],
  reauthStatus: [401, 403],
});

const CASES: readonly [string, Step, readonly ServiceRequest[]][] = [
  [
    'CreateServer posts the whole server body',
    { type: 'CreateServer', serverConfig },
    [
      {
        service: 'cloudServersOpenStack',
        method: 'POST',
        path: ['servers'],
        json: serverConfig,
        okStatus: [202],
        reauthStatus: [401],
      },
    ],
  ],
  [
    'DeleteServer deletes, then verifies with a GET',
    { type: 'DeleteServer', serverId: 's-1' },
    [
      {
        service: 'cloudServersOpenStack',
        method: 'DELETE',
        path: ['servers', 's-1'],
        okStatus: [204, 404],
        reauthStatus: [401, 403],
      },
      {
        service: 'cloudServersOpenStack',
        method: 'GET',
        path: ['servers', 's-1'],
        okStatus: [200, 404],
        reauthStatus: [401, 403],
      },
    ],
  ],
  [
    'SetMetadataItemOnServer puts one item',
    { type: 'SetMetadataItemOnServer', serverId: 's-1', key: 'rax:autoscale:server:state', value: 'DRAINING' },
    [
      {
        service: 'cloudServersOpenStack',
        method: 'PUT',
        path: ['servers', 's-1', 'metadata', 'rax:autoscale:server:state'],
        json: { meta: { 'rax:autoscale:server:state': 'DRAINING' } },
        okStatus: [200],
        reauthStatus: [401],
      },
    ],
  ],
  [
    'AddNodesToCLB posts the nodes with only the fields given',
    {
      type: 'AddNodesToCLB',
      lbId: '123',
      nodes: [
        { address: '10.0.0.1', port: 80, condition: 'DRAINING', weight: 3, type: 'SECONDARY' },
        { address: '10.0.0.2', port: 8080 },
      ],
    },
    [
      {
        service: 'cloudLoadBalancers',
        method: 'POST',
        path: ['loadbalancers', '123', 'nodes'],
        json: {
          nodes: [
            { address: '10.0.0.1', port: 80, condition: 'DRAINING', weight: 3, type: 'SECONDARY' },
            { address: '10.0.0.2', port: 8080 },
          ],
        },
        okStatus: [202],
        reauthStatus: [401, 403],
      },
    ],
  ],
  [
    'RemoveNodesFromCLB with 3 ids sends one DELETE',
    { type: 'RemoveNodesFromCLB', lbId: '123', nodeIds: ['1', '2', '3'] },
    [clbRemove(['1', '2', '3'])],
  ],
  [
    'RemoveNodesFromCLB with 23 ids sends batches of 10, 10 and 3',
    { type: 'RemoveNodesFromCLB', lbId: '123', nodeIds: ids(1, 23) },
    [clbRemove(ids(1, 10)), clbRemove(ids(11, 20)), clbRemove(ids(21, 23))],
  ],
  [
    'RemoveNodesFromCLB sends a repeated id once',
    { type: 'RemoveNodesFromCLB', lbId: '123', nodeIds: ['5', '5', '6'] },
    [clbRemove(['5', '6'])],
  ],
  [
    'ChangeCLBNode puts condition, weight and type',
    { type: 'ChangeCLBNode', lbId: '123', nodeId: '9', condition: 'DRAINING', weight: 1, nodeType: 'PRIMARY' },
    [
      {
        service: 'cloudLoadBalancers',
        method: 'PUT',
        path: ['loadbalancers', '123', 'nodes', '9'],
        json: { node: { condition: 'DRAINING', weight: 1, type: 'PRIMARY' } },
        okStatus: [202],
        reauthStatus: [401, 403],
      },
    ],
  ],
  [
    'BulkAddToRCv3 posts pairs sorted by pool then server, pool ids lower-cased',
    {
      type: 'BulkAddToRCv3',
      pairs: [
        { poolId: 'POOL-B', serverId: 's2' },
        { poolId: 'pool-a', serverId: 's9' },
        { poolId: 'Pool-A', serverId: 'S1' },
        { poolId: 'pool-b', serverId: 's2' },
      ],
    },
    [
      {
        service: 'rackconnect',
        method: 'POST',
        path: ['load_balancer_pools', 'nodes'],
        json: [
          { cloud_server: { id: 'S1' }, load_balancer_pool: { id: 'pool-a' } },
          { cloud_server: { id: 's9' }, load_balancer_pool: { id: 'pool-a' } },
          { cloud_server: { id: 's2' }, load_balancer_pool: { id: 'pool-b' } },
        ],
        okStatus: [201, 409],
        reauthStatus: [401, 403],
      },
    ],
  ],
  [
    'BulkRemoveFromRCv3 deletes with the same body shape',
    { type: 'BulkRemoveFromRCv3', pairs: [{ poolId: 'P1', serverId: 's1' }] },
    [
      {
        service: 'rackconnect',
        method: 'DELETE',
        path: ['load_balancer_pools', 'nodes'],
        json: [{ cloud_server: { id: 's1' }, load_balancer_pool: { id: 'p1' } }],
        okStatus: [204, 409],
        reauthStatus: [401, 403],
      },
    ],
  ],
  ['ConvergeLater makes no request', { type: 'ConvergeLater', reasons: [infoReason('later')], limited: false }, []],
  ['FailConvergence makes no request', { type: 'FailConvergence', reasons: [] }, []],
];

for (const [name, step, expected] of CASES) {
  test(`toRequests: ${name}`, (t) => {
    t.deepEqual(toRequests(step), expected);
  });
}
