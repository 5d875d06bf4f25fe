import type { z } from 'zod';
import type { JobInput, MachineContext, Transition } from '../core/job-machine.js';

/**
 * One job type: its schemas and its pure state machine. The supervisor's registry (`registry.ts`) maps
 * message types to definitions; adding a job type is a new folder under `jobs/` plus one registry line.
 */
export interface JobDefinition<J, S> {
  /** `launch-server`: names metrics labels and events. */
  readonly type: string;
  /** The envelope type producers submit it with, e.g. `job.launch-server`. */
  readonly messageType: string;
  readonly jobSchema: z.ZodType<J>;
  /** Validates the state carried in progression messages and LB replies. */
  readonly stateSchema: z.ZodType<S>;
  /** Problems the schema cannot see (pure); empty when the job is valid. */
  readonly problems?: (job: J) => readonly string[];
  readonly tenantOf: (job: J) => string;
  /** The first transition of an accepted job. */
  readonly start: (job: J, jobId: string, ctx: MachineContext) => Transition<S>;
  readonly next: (state: S, input: JobInput, ctx: MachineContext) => Transition<S>;
  /** When the job was accepted (ISO), for the duration metric. */
  readonly startedAt: (state: S) => string;
}

export type AnyJobDefinition = JobDefinition<unknown, unknown>;

/**
 * Erases a definition's types for the registry. Sound because the shell only ever passes a definition
 * values parsed by that definition's own schemas, or states its own transitions produced.
 */
export function registerJob<J, S>(definition: JobDefinition<J, S>): AnyJobDefinition {
  return definition as unknown as AnyJobDefinition;
}
