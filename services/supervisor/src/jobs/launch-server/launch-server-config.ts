import type { LaunchServerJob } from '../../../../../shared/messages/job-messages.js';
import type { ServerConfig } from '../../../../../shared/steps/step.js';
import { launchMetadata } from '../../core/launch-metadata.js';
import { JOB_ID_METADATA_KEY, serverNameFor } from '../../core/server-identity.js';
import type { ServerView } from '../../core/nova-reads.js';

/** The create-server body for a generation of the job: the user's server args, named and tagged. */
export function serverConfigFor(job: LaunchServerJob, jobId: string, generation: number): ServerConfig {
  const { name: prefix, metadata, ...rest } = job.launchConfig.server;
  return {
    server: {
      ...rest,
      name: serverNameFor(jobId, generation, prefix),
      metadata: launchMetadata(metadata, job.groupId, jobId, job.launchConfig.loadBalancers),
    },
  };
}

/** Servers of a listing that this job created for this generation (exact name and job-id metadata). */
export function serversOfJob(servers: readonly ServerView[], name: string, jobId: string): ServerView[] {
  return servers
    .filter((s) => s.name === name && s.metadata[JOB_ID_METADATA_KEY] === jobId)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
