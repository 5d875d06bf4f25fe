import type { Logger } from '../../../shared/logging/logger.js';

export interface LogLine {
  readonly level: string;
  readonly message: string;
  readonly meta: Record<string, unknown>;
}

/** A Logger that keeps every line in memory. */
export function createCaptureLogger(
  lines: LogLine[] = [],
  bound: Record<string, unknown> = {},
): Logger & { lines: LogLine[] } {
  const log =
    (level: string) =>
    (message: string, meta: Record<string, unknown> = {}): void => {
      lines.push({ level, message, meta: { ...bound, ...meta } });
    };
  return {
    lines,
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (meta) => createCaptureLogger(lines, { ...bound, ...meta }),
  };
}
