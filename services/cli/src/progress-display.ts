import type { JobEventPayload } from '../../../shared/messages/event-messages.js';
import { describeEvent, formatSeconds } from './render-event.js';

export interface Output {
  write(text: string): unknown;
}

export interface ProgressDisplay {
  event(event: JobEventPayload): void;
  /** Clears any live line (before the summary is printed). */
  stop(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Plain lines, one per event, with the time since the start: for logs and pipes. */
export function createPlainProgress(out: Output, now: () => number): ProgressDisplay {
  const start = now();
  return {
    event: (event) => void out.write(`[+${formatSeconds(now() - start)}] ${describeEvent(event)}\n`),
    stop: () => undefined,
  };
}

/**
 * A live display for a terminal: finished steps and retries scroll up as lines; the bottom line shows the
 * step in progress with a spinner and the elapsed time, redrawn in place.
 */
export function createLiveProgress(out: Output, now: () => number, jobId: string): ProgressDisplay {
  const start = now();
  let current = 'submitted, waiting for the supervisor';
  let frame = 0;
  const draw = (): void => {
    frame = (frame + 1) % FRAMES.length;
    out.write(`\r\x1b[2K${FRAMES[frame] ?? ''} ${jobId} · ${current} · ${formatSeconds(now() - start)}`);
  };
  const timer = setInterval(draw, 100);
  timer.unref();
  draw();
  return {
    event: (event) => {
      if (event.event === 'step-started') current = describeEvent(event);
      else if (event.event === 'accepted') current = 'accepted';
      if (event.event === 'step-finished' || event.event === 'retrying') {
        const mark = event.event === 'retrying' ? '↻' : '✔';
        out.write(`\r\x1b[2K${mark} ${describeEvent(event)} (${formatSeconds(now() - start)})\n`);
      }
      draw();
    },
    stop: () => {
      clearInterval(timer);
      out.write('\r\x1b[2K');
    },
  };
}
