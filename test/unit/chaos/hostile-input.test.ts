import test from 'ava';
import {
  HOSTILE_CATEGORIES,
  categoryCounts,
  hostileCategoryAt,
  hostileInputAt,
  type HostilePlan,
} from '../../../test/chaos/core/hostile-input.js';
import { HOSTILE_VARIANTS } from '../../../test/chaos/core/hostile-variants.js';
import { queueProfiles, type ProfileRefs } from '../../../test/chaos/core/queue-profiles.js';
import { MAX_MESSAGE_BYTES } from '../../../shared/messages/envelope.js';
import { acceptedBy } from './contract-oracle.js';

const REFS: ProfileRefs = {
  tenantId: 't1',
  groupId: 'g1',
  imageRef: 'img-1',
  flavorRef: 'general1-1',
  clbId: '101',
  poolId: 'd95ae0c4-6ab8-4873-b82f-f8433840cff2',
};
const PLAN: HostilePlan = {
  seed: 'unit',
  count: 900,
  oversizeCount: 3,
  oversizeBytes: MAX_MESSAGE_BYTES + 10,
  createdAt: '2024-01-01T00:00:00.000Z',
};
const PROFILES = queueProfiles(REFS);

test('every template as a plain envelope is accepted by its queue contract', (t) => {
  for (const profile of PROFILES) {
    for (const template of profile.templates) {
      const envelope = {
        id: 'm1',
        type: template.type,
        version: 1,
        tenantId: REFS.tenantId,
        jobId: 'j1',
        correlationId: 'j1',
        causationId: null,
        attempt: 0,
        createdAt: PLAN.createdAt,
        payload: template.payload,
      };
      t.true(acceptedBy(profile.queue, Buffer.from(JSON.stringify(envelope))), `${profile.queue} ${template.type}`);
    }
  }
});

test('every hostile input is refused by its queue contract', (t) => {
  const accepted: string[] = [];
  for (const profile of PROFILES) {
    for (let index = 0; index < PLAN.count; index += 1) {
      const input = hostileInputAt(profile, PLAN, index);
      if (acceptedBy(profile.queue, input.body)) accepted.push(`${input.id} ${input.category}/${input.variant}`);
    }
  }
  t.deepEqual(accepted, []);
});

test('hostileInputAt is deterministic in seed, queue and index', (t) => {
  const profile = PROFILES[0]!;
  const a = hostileInputAt(profile, PLAN, 17);
  const b = hostileInputAt(profile, PLAN, 17);
  t.deepEqual([a.id, a.category, a.variant, a.body.equals(b.body)], [b.id, b.category, b.variant, true]);
  const other = hostileInputAt(profile, { ...PLAN, seed: 'other' }, 17);
  t.is(other.id, 'other:kelp.supervisor.jobs:17');
});

test('oversize inputs are spread evenly and capped at oversizeCount', (t) => {
  const counts = categoryCounts({ ...PLAN, count: 10_000, oversizeCount: 5 });
  t.is(counts.oversize, 5);
  const others = HOSTILE_CATEGORIES.filter((category) => category !== 'oversize').map((category) => counts[category]);
  t.deepEqual([Math.min(...others), Math.max(...others)], [1249, 1250]);
  t.deepEqual(
    [0, 1999, 3999, 9999].map((index) => hostileCategoryAt({ ...PLAN, count: 10_000, oversizeCount: 5 }, index)),
    ['invalid-json', 'oversize', 'oversize', 'oversize'],
  );
  t.deepEqual(
    [1998, 2000].map((index) => hostileCategoryAt({ ...PLAN, count: 10_000, oversizeCount: 5 }, index)),
    ['bad-number', 'control-chars'],
  );
});

test('a plan without oversize inputs never produces one', (t) => {
  t.is(categoryCounts({ ...PLAN, oversizeCount: 0 }).oversize, 0);
});

test('oversize bodies exceed the byte limit they were planned with', (t) => {
  const profile = PROFILES[2]!;
  const sizes = [];
  for (let index = 0; index < PLAN.count; index += 1) {
    const input = hostileInputAt(profile, PLAN, index);
    if (input.category === 'oversize') sizes.push(input.body.byteLength > PLAN.oversizeBytes);
  }
  t.deepEqual(sizes, [true, true, true]);
});

test('every variant of every category appears on a queue with templates', (t) => {
  const profile = PROFILES[2]!;
  const seen = new Map<string, Set<string>>();
  for (let index = 0; index < 3000; index += 1) {
    const input = hostileInputAt(profile, { ...PLAN, count: 3000, oversizeCount: 60 }, index);
    seen.set(input.category, (seen.get(input.category) ?? new Set()).add(input.variant));
  }
  for (const category of HOSTILE_CATEGORIES) {
    t.deepEqual(
      [...(seen.get(category) ?? [])].sort(),
      HOSTILE_VARIANTS[category].map((variant) => variant.name).sort(),
      category,
    );
  }
});

test('a queue without templates still gets every category, from envelope-level variants', (t) => {
  const profile = { ...PROFILES[1]!, templates: [] };
  const categories = new Set<string>();
  for (let index = 0; index < PLAN.count; index += 1) categories.add(hostileInputAt(profile, PLAN, index).category);
  t.deepEqual([...categories].sort(), [...HOSTILE_CATEGORIES].sort());
});
