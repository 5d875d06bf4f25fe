import test from 'ava';
import type { ObservedServer } from '../../../shared/convergence/observed-state.js';
import { plan } from '../../../shared/convergence/plan.js';
import {
  CLB_KEY_PREFIX,
  DRAINING_SINCE_KEY,
  DRAINING_VALUE,
  GROUP_ID_KEY,
  LEGACY_GROUP_ID_KEY,
  RCV3_KEY_PREFIX,
  SERVER_STATE_KEY,
} from '../../../shared/convergence/server-metadata.js';
import { parseMetadataLbs } from '../../../shared/convergence/metadata-lbs.js';
import { infoReason } from '../../../shared/steps/step-result.js';
import type { Step } from '../../../shared/steps/step.js';
import {
  CTX,
  LC_LBS,
  LC_PLAIN,
  NOW,
  clb,
  desired,
  drainNode,
  node,
  observed,
  pool,
  server,
  setMeta,
} from './fixtures.js';

/** A server whose metadata is exactly `metadata` (no group keys added). */
function bare(id: string, metadata: Record<string, string>, state: ObservedServer['state'] = 'ACTIVE'): ObservedServer {
  return { ...server(id, { state }), metadata, metadataLbs: parseMetadataLbs(metadata) };
}

const lbWorld = (s: ObservedServer) =>
  observed(
    [s],
    [clb('101', [node('11', '10.0.0.1', 80)]), clb('202', [node('12', '10.0.0.1', 8080)])],
    [pool('pool-a', ['s1'])],
  );

const cases: { name: string; server: ObservedServer; lbs: boolean; expected: readonly Step[] }[] = [
  {
    name: 'writes the new group-id key on a server found by the legacy key only',
    server: bare('s1', { [LEGACY_GROUP_ID_KEY]: 'group-1' }),
    lbs: false,
    expected: [setMeta('s1', GROUP_ID_KEY, 'group-1')],
  },
  {
    name: 'writes the legacy group-id key when only the new one is present',
    server: bare('s1', { [GROUP_ID_KEY]: 'group-1' }),
    lbs: false,
    expected: [setMeta('s1', LEGACY_GROUP_ID_KEY, 'group-1')],
  },
  {
    name: 'records the configured load balancers on a server that lacks their keys',
    server: bare('s1', { [GROUP_ID_KEY]: 'group-1', [LEGACY_GROUP_ID_KEY]: 'group-1' }),
    lbs: true,
    expected: [
      setMeta('s1', `${CLB_KEY_PREFIX}101`, '[{"port": 80}]'),
      setMeta('s1', `${CLB_KEY_PREFIX}202`, '[{"port": 8080}]'),
      setMeta('s1', `${RCV3_KEY_PREFIX}pool-a`, ''),
    ],
  },
  {
    name: 'rewrites a CLB key not in Python JSON style',
    server: server('s1', { lc: LC_LBS, metadata: { [`${CLB_KEY_PREFIX}101`]: '[{"port":80}]' } }),
    lbs: true,
    expected: [setMeta('s1', `${CLB_KEY_PREFIX}101`, '[{"port": 80}]')],
  },
  {
    name: "leaves the user's own metadata alone",
    server: server('s1', { metadata: { owner: 'someone-else', extra: 'x' } }),
    lbs: false,
    expected: [],
  },
  {
    name: 'does not touch the metadata of a server that is not ACTIVE',
    server: bare('s1', { [GROUP_ID_KEY]: 'group-1' }, 'RESCUE'),
    lbs: false,
    expected: [],
  },
];

for (const c of cases) {
  test(`plan ${c.name}`, (t) => {
    const world = c.lbs ? lbWorld(c.server) : observed([c.server]);
    t.deepEqual(plan(desired(1, c.lbs ? LC_LBS : LC_PLAIN), world, NOW, CTX), c.expected);
  });
}

test('plan keeps draining marks ahead of metadata fixes when SetMetadataItemOnServer is limited', (t) => {
  const kept = bare('s1', {});
  const victim = server('s2', { ageSec: 5000, lc: LC_LBS });
  const world = observed([kept, victim], [clb('101', [node('21', '10.0.0.2', 80)]), clb('202')], [pool('pool-a')]);
  const lc = { ...LC_PLAIN, loadBalancers: [] };
  const steps = plan(desired(1, lc, { drainingTimeoutSec: 60 }), world, NOW, {
    ...CTX,
    limits: { SetMetadataItemOnServer: 2 },
  });
  t.deepEqual(steps, [
    setMeta('s2', DRAINING_SINCE_KEY, new Date(NOW).toISOString()),
    setMeta('s2', SERVER_STATE_KEY, DRAINING_VALUE),
    drainNode('101', '21'),
    {
      type: 'ConvergeLater',
      reasons: [
        infoReason('step limits deferred 2 SetMetadataItemOnServer to the next cycle', {
          deferred: { SetMetadataItemOnServer: 2 },
        }),
      ],
      limited: false,
    },
  ]);
});
