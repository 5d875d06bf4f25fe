/**
 * A minimal JSON-lines logger for the standalone simulator (the in-process simulator logs nothing unless
 * given a logger). Messages carry no secrets: the simulator never logs tokens, passwords or bodies.
 */
import type { Logger } from '../../../shared/logging/logger.js';

export function createJsonLogger(write: (line: string) => void, base: Record<string, unknown> = {}): Logger {
  const log =
    (level: string) =>
    (message: string, meta: Record<string, unknown> = {}): void =>
      write(JSON.stringify({ time: new Date().toISOString(), level, service: 'cloud-sim', message, ...base, ...meta }));
  return {
    debug: () => undefined,
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (meta) => createJsonLogger(write, { ...base, ...meta }),
  };
}
