/**
 * Mimic's behaviour mechanism (cloud-apis.md §6), usable with the same wire format: an ordered registry of
 * `{criteria, name, parameters}` entries; an event takes the first entry whose criteria all match, else the
 * default. `sequence` cycles through a list of behaviours. Beyond mimic: an entry may carry `times`, after
 * which it removes itself (so "fail the next 3 creates" needs no clean-up).
 */
import { isRecord } from '../http/body.js';

/** Validates a behaviour's parameters; returns an error text or null. */
export type ParamCheck = (parameters: Readonly<Record<string, unknown>>) => string | null;

/** Compiles one criterion value into a predicate over the event's attributes; null when the value is invalid. */
export type CriterionCompiler<A> = (value: unknown) => ((attrs: A) => boolean) | null;

export interface BehaviourEvent<A> {
  readonly behaviours: Readonly<Record<string, ParamCheck>>;
  readonly criteria: Readonly<Record<string, CriterionCompiler<A>>>;
}

export interface ResolvedBehaviour {
  readonly name: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  /** The registry entry that supplied it, or null for the default. */
  readonly entryId: string | null;
}

export interface BehaviourEntryView {
  readonly id: string;
  readonly name: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly criteria: readonly unknown[];
  readonly remaining: number | null;
}

interface Entry<A> {
  readonly id: string;
  readonly name: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly criteria: readonly unknown[];
  readonly matchers: readonly ((attrs: A) => boolean)[];
  readonly sequence: readonly { name: string; parameters: Readonly<Record<string, unknown>> }[] | null;
  remaining: number | null;
  cursor: number;
}

export const DEFAULT_BEHAVIOUR = 'default';

export type RegisterResult =
  { readonly ok: true; readonly id: string } | { readonly ok: false; readonly message: string };

export class BehaviourRegistry<A> {
  private readonly entries: Entry<A>[] = [];

  constructor(
    private readonly event: BehaviourEvent<A>,
    private readonly newId: () => string,
  ) {}

  register(input: unknown): RegisterResult {
    if (!isRecord(input)) return { ok: false, message: 'behaviour must be an object' };
    const { criteria, name, parameters, times } = input;
    if (!Array.isArray(criteria)) return { ok: false, message: 'criteria must be a list' };
    if (typeof name !== 'string') return { ok: false, message: 'name must be a string' };
    if (!isRecord(parameters)) return { ok: false, message: 'parameters must be an object' };
    if (times !== undefined && times !== null && !(Number.isInteger(times) && (times as number) > 0)) {
      return { ok: false, message: 'times must be a positive integer' };
    }
    const matchers: ((attrs: A) => boolean)[] = [];
    for (const criterion of criteria) {
      if (!isRecord(criterion) || Object.keys(criterion).length !== 1) {
        return { ok: false, message: 'each criterion must be an object with one key' };
      }
      const [[key, value]] = Object.entries(criterion) as [[string, unknown]];
      const compile = this.event.criteria[key];
      const matcher = compile?.(value) ?? null;
      if (matcher === null) return { ok: false, message: `invalid criterion ${key}` };
      matchers.push(matcher);
    }
    let sequence: Entry<A>['sequence'] = null;
    if (name === 'sequence') {
      const parsed = this.parseSequence(parameters['behaviors']);
      if (typeof parsed === 'string') return { ok: false, message: parsed };
      sequence = parsed;
    } else {
      const problem = this.checkBehaviour(name, parameters);
      if (problem !== null) return { ok: false, message: problem };
    }
    const id = this.newId();
    this.entries.push({
      id,
      name,
      parameters,
      criteria,
      matchers,
      sequence,
      remaining: typeof times === 'number' ? times : null,
      cursor: 0,
    });
    return { ok: true, id };
  }

  remove(id: string): boolean {
    const index = this.entries.findIndex((e) => e.id === id);
    if (index === -1) return false;
    this.entries.splice(index, 1);
    return true;
  }

  list(): BehaviourEntryView[] {
    return this.entries.map((e) => ({
      id: e.id,
      name: e.name,
      parameters: e.parameters,
      criteria: e.criteria,
      remaining: e.remaining,
    }));
  }

  /** Picks the behaviour for one event and consumes it (advances sequences, counts down `times`). */
  resolve(attrs: A): ResolvedBehaviour {
    const index = this.entries.findIndex((e) => e.matchers.every((m) => m(attrs)));
    const entry = this.entries[index];
    if (entry === undefined) return { name: DEFAULT_BEHAVIOUR, parameters: {}, entryId: null };
    if (entry.remaining !== null) {
      entry.remaining -= 1;
      if (entry.remaining <= 0) this.entries.splice(index, 1);
    }
    if (entry.sequence === null) return { name: entry.name, parameters: entry.parameters, entryId: entry.id };
    const step = entry.sequence[entry.cursor % entry.sequence.length] ?? { name: DEFAULT_BEHAVIOUR, parameters: {} };
    entry.cursor += 1;
    return { name: step.name, parameters: step.parameters, entryId: entry.id };
  }

  private checkBehaviour(name: string, parameters: Readonly<Record<string, unknown>>): string | null {
    if (name === DEFAULT_BEHAVIOUR) return null;
    const check = this.event.behaviours[name];
    if (check === undefined) return `unknown behaviour ${name}`;
    return check(parameters);
  }

  private parseSequence(value: unknown): Entry<A>['sequence'] | string {
    if (!Array.isArray(value) || value.length === 0) return 'sequence needs a non-empty behaviors list';
    const steps: { name: string; parameters: Readonly<Record<string, unknown>> }[] = [];
    for (const item of value) {
      if (!isRecord(item) || typeof item['name'] !== 'string' || item['name'] === 'sequence') {
        return 'each sequence element needs a name (and cannot be a sequence)';
      }
      const parameters = item['parameters'] ?? {};
      if (!isRecord(parameters)) return 'sequence parameters must be objects';
      const problem = this.checkBehaviour(item['name'], parameters);
      if (problem !== null) return problem;
      steps.push({ name: item['name'], parameters });
    }
    return steps;
  }
}

/** Compiles a mimic-style regex criterion: it must match at the start of the value (Python `re.match`). */
export function prefixRegex(value: unknown): RegExp | null {
  if (typeof value !== 'string') return null;
  try {
    return new RegExp(`^(?:${value})`);
  } catch {
    return null;
  }
}

/** Parameter checks shared by several behaviours. */
export function optionalInteger(parameters: Readonly<Record<string, unknown>>, key: string): string | null {
  const value = parameters[key];
  return value === undefined || Number.isInteger(value) ? null : `${key} must be an integer`;
}

export function optionalString(parameters: Readonly<Record<string, unknown>>, key: string): string | null {
  const value = parameters[key];
  return value === undefined || typeof value === 'string' ? null : `${key} must be a string`;
}

export function requiredNumber(parameters: Readonly<Record<string, unknown>>, key: string): string | null {
  const value = parameters[key];
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? null : `${key} must be a number >= 0`;
}
