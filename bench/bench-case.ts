/**
 * One benchmark case: runs, measures, and reports one or more results. `npm run bench` runs every case
 * registered in `cases/index.ts`; `npm run bench -- <name>` runs one.
 */
export interface BenchResult {
  /** The case name, e.g. `bus`. */
  readonly case: string;
  /** What was measured, e.g. `publish-consume-rate`. */
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  /** The baseline measured side by side in the same run, or null when the case has none. */
  readonly baseline: number | null;
  /** value / baseline, or null. */
  readonly ratio: number | null;
  /** The target in words, e.g. `ratio >= 0.8`. */
  readonly target: string;
  readonly pass: boolean;
}

export interface BenchCase {
  readonly name: string;
  readonly description: string;
  run(): Promise<readonly BenchResult[]>;
}

export function benchResult(
  fields: Omit<BenchResult, 'ratio' | 'baseline'> & { readonly baseline?: number | null },
): BenchResult {
  const baseline = fields.baseline ?? null;
  return {
    ...fields,
    baseline,
    ratio: baseline === null || baseline === 0 ? null : Number((fields.value / baseline).toFixed(3)),
  };
}
