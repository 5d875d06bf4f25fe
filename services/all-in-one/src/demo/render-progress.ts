import type { JobEventPayload } from '../../../../shared/messages/event-messages.js';

/** `[  1.2s]`: time since the job was submitted. */
export function elapsedLabel(ms: number): string {
  return `[${(ms / 1000).toFixed(1).padStart(5)}s]`;
}

/** One progress line for an event of a converge-group job (pure); undefined for events not worth a line. */
export function renderProgress(event: JobEventPayload, elapsedMs: number): string | undefined {
  const text = describeEvent(event);
  return text === undefined ? undefined : `  ${elapsedLabel(elapsedMs)} ${text}`;
}

function describeEvent(event: JobEventPayload): string | undefined {
  switch (event.event) {
    case 'accepted':
      return 'job accepted';
    case 'step-started':
      return undefined;
    case 'step-finished':
      return event.detail === undefined ? event.step : `${event.step}: ${event.detail}`;
    case 'retrying':
      return `${event.step}: retrying in ${(event.delayMs / 1000).toFixed(1)}s (${event.reason})`;
    case 'succeeded': {
      const status = typeof event.result['groupStatus'] === 'string' ? event.result['groupStatus'] : 'done';
      const cycles = typeof event.result['cycles'] === 'number' ? ` after ${event.result['cycles']} cycles` : '';
      return `succeeded: group ${status}${cycles}`;
    }
    case 'failed':
      return `failed: ${event.reasons.join('; ')}`;
  }
}
