import { unranResult, type ScenarioResult } from '../core/scenario-result.js';
import { MissingPrerequisite } from './kelp-stack.js';

/**
 * Runs a scenario body with its duration measured: a missing prerequisite makes the scenario `skipped`,
 * any other throw `error` (a harness or environment failure, reported with its message).
 */
export async function runTimed(
  name: string,
  body: () => Promise<Omit<ScenarioResult, 'durationMs' | 'name'>>,
): Promise<ScenarioResult> {
  const started = Date.now();
  try {
    const result = await body();
    return { ...result, name, durationMs: Date.now() - started };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const status = error instanceof MissingPrerequisite ? 'skipped' : 'error';
    return unranResult(name, status, message, Date.now() - started);
  }
}
