import { appendFileSync } from 'node:fs';
import { AmqpBus } from '../../../shared/amqp/amqp-bus.js';
import { JOB_TYPES as CLIENT_JOB_TYPES, KelpClient, type JobSubmission } from '../../../shared/client/index.js';
import type { Logger } from '../../../shared/logging/logger.js';
import type { BuiltJob } from '../core/job-builders.js';

/**
 * The harness as a producer: a KelpClient (shared/client) on a bus of its own under the scenario's
 * namespace. Job types the client does not know yet are not submitted through it (`supports`).
 */
function fileLogger(path: string): Logger {
  const write = (level: string) => (message: string, meta?: Record<string, unknown>) =>
    appendFileSync(path, `${JSON.stringify({ level, message, ...meta })}\n`);
  const logger: Logger = {
    debug: () => undefined,
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: () => logger,
  };
  return logger;
}

export class Producer {
  private constructor(
    private readonly bus: AmqpBus,
    readonly client: KelpClient,
  ) {}

  static async start(
    url: string,
    namespace: string,
    logFile: string,
    options: { readonly declareTopology?: boolean } = {},
  ): Promise<Producer> {
    const bus = new AmqpBus({
      url,
      logger: fileLogger(logFile),
      prefix: namespace,
      connectionName: `chaos-producer-${namespace}`,
      declareTopology: options.declareTopology ?? true,
    });
    await bus.start();
    return new Producer(bus, new KelpClient({ bus }));
  }

  /** True when shared/client submits this job type. */
  static supports(job: BuiltJob): boolean {
    return (CLIENT_JOB_TYPES as readonly string[]).includes(job.submitted.type);
  }

  /** Submits through the client (validated, confirmed) under the job's own id. */
  async submit(job: BuiltJob): Promise<void> {
    const submission = {
      type: job.submitted.type,
      job: job.payload,
      jobId: job.submitted.jobId,
    } as unknown as JobSubmission;
    await this.client.submit(submission);
  }

  close(): Promise<void> {
    return this.bus.close(5_000);
  }
}
