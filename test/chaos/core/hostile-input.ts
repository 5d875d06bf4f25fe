import { createPrng, type Prng } from './prng.js';
import { HOSTILE_VARIANTS, type VariantContext } from './hostile-variants.js';

/**
 * Note [Hostile input]: the generator builds messages that break a queue's contract on purpose, each
 * labelled with its category and variant. Every message is invalid by construction (the envelope is
 * broken, or a strict top-level payload object loses a required key, gains an unknown one or gets a
 * value of the wrong type), so a correct service dead-letters every one of them and performs none.
 * `hostileInputAt` is pure and deterministic in (seed, queue, index): a run streams the inputs one at a
 * time (a 10 MB body is built only when it is sent) and any single input can be rebuilt from its id.
 */
export const HOSTILE_CATEGORIES = [
  'invalid-json',
  'wrong-schema',
  'wrong-types',
  'oversize',
  'unknown-type',
  'prototype-keys',
  'huge-array',
  'bad-number',
  'control-chars',
] as const;
export type HostileCategory = (typeof HOSTILE_CATEGORIES)[number];

/** A valid message of one type on a queue; the generator breaks copies of it. */
export interface MessageTemplate {
  readonly type: string;
  /** A valid payload whose top-level object is strict (an unknown key makes it invalid). */
  readonly payload: Readonly<Record<string, unknown>>;
  /** Top-level payload keys that are required and typed: dropping or retyping one makes it invalid. */
  readonly requiredKeys: readonly string[];
  /** Top-level keys that accept any JSON (e.g. `echo`): the target of deep-nesting inputs. */
  readonly anyJsonKeys?: readonly string[];
}

export interface HostileProfile {
  /** The queue's logical name, used in ids and labels. */
  readonly queue: string;
  readonly tenantId: string;
  /** Valid messages of the queue; empty means only envelope-level breakage is generated. */
  readonly templates: readonly MessageTemplate[];
}

export interface HostilePlan {
  readonly seed: string;
  /** Messages per queue. */
  readonly count: number;
  /** How many of them are oversize (at most `count`); the rest cycle through the other categories. */
  readonly oversizeCount: number;
  readonly oversizeBytes: number;
  /** `createdAt` of every generated envelope (a fixed time keeps generation pure). */
  readonly createdAt: string;
}

export interface HostileInput {
  readonly index: number;
  /** `<seed>:<queue>:<index>`: travels in the `x-chaos-id` header so the DLQ copy can be matched. */
  readonly id: string;
  readonly category: HostileCategory;
  readonly variant: string;
  readonly body: Buffer;
}

const NON_OVERSIZE = HOSTILE_CATEGORIES.filter((category) => category !== 'oversize');

/** The category of input `index`: oversize inputs are spread evenly, the rest cycle the other categories. */
export function hostileCategoryAt(plan: HostilePlan, index: number): HostileCategory {
  const oversize = Math.max(0, Math.min(plan.oversizeCount, plan.count));
  let before = 0;
  if (oversize > 0) {
    const stride = Math.floor(plan.count / oversize);
    if (index % stride === stride - 1 && Math.floor(index / stride) < oversize) return 'oversize';
    before = Math.min(oversize, Math.floor(index / stride));
  }
  return NON_OVERSIZE[(index - before) % NON_OVERSIZE.length] as HostileCategory;
}

/** Input `index` (0-based, below `plan.count`) for a queue. */
export function hostileInputAt(profile: HostileProfile, plan: HostilePlan, index: number): HostileInput {
  const category = hostileCategoryAt(plan, index);
  const id = `${plan.seed}:${profile.queue}:${index}`;
  const prng = createPrng(id);
  const ctx = contextFor(profile, plan, index, prng);
  const variants = HOSTILE_VARIANTS[category];
  const variant = prng.pick(variants.filter((candidate) => candidate.applies(ctx)));
  const produced = variant.build(ctx);
  return {
    index,
    id,
    category,
    variant: variant.name,
    body: typeof produced === 'string' ? Buffer.from(produced, 'utf8') : produced,
  };
}

/** Every input of a plan for a queue, lazily. */
export function* hostileInputs(profile: HostileProfile, plan: HostilePlan): Generator<HostileInput> {
  for (let index = 0; index < plan.count; index += 1) yield hostileInputAt(profile, plan, index);
}

/** How many inputs of each category a plan produces per queue. */
export function categoryCounts(plan: HostilePlan): Readonly<Record<HostileCategory, number>> {
  const counts = Object.fromEntries(HOSTILE_CATEGORIES.map((category) => [category, 0])) as Record<
    HostileCategory,
    number
  >;
  for (let index = 0; index < plan.count; index += 1) counts[hostileCategoryAt(plan, index)] += 1;
  return counts;
}

function contextFor(profile: HostileProfile, plan: HostilePlan, index: number, prng: Prng): VariantContext {
  const template: MessageTemplate =
    profile.templates.length === 0
      ? { type: 'chaos.no-such-message', payload: { tenantId: profile.tenantId }, requiredKeys: [] }
      : prng.pick(profile.templates);
  // A usable job id (letters, digits, `_`, `-`), so the breakage a variant makes is the only one.
  const jobId = `hostile-${profile.queue.replace(/[^A-Za-z0-9_-]/g, '_')}-${index}`;
  const envelope: Record<string, unknown> = {
    id: `${jobId}-msg`,
    type: template.type,
    version: 1,
    tenantId: profile.tenantId,
    jobId,
    correlationId: jobId,
    causationId: null,
    attempt: 0,
    createdAt: plan.createdAt,
    payload: structuredClone(template.payload),
  };
  return { prng, template, envelope, oversizeBytes: plan.oversizeBytes, hasTemplates: profile.templates.length > 0 };
}
