import { deleteServerJob } from './delete-server/delete-server-job.js';
import { registerJob, type AnyJobDefinition } from './job-definition.js';
import { launchServerJob } from './launch-server/launch-server-job.js';

/**
 * Every job type the supervisor runs. A new type is a folder under `jobs/` with its definition, plus one
 * line here.
 */
export const JOB_REGISTRY: readonly AnyJobDefinition[] = [registerJob(launchServerJob), registerJob(deleteServerJob)];

/** The definition for a submitted message type (`job.launch-server`). */
export function jobForMessageType(messageType: string): AnyJobDefinition | undefined {
  return JOB_REGISTRY.find((job) => job.messageType === messageType);
}

/** The definition for a job type (`launch-server`), as progression messages name it. */
export function jobForType(type: string): AnyJobDefinition | undefined {
  return JOB_REGISTRY.find((job) => job.type === type);
}
