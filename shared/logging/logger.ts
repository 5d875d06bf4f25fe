/**
 * The narrow logger every module depends on (a winston Logger satisfies it). Messages are kebab-case event
 * ids; details go in `meta`. Secret fields in `meta` are redacted by the logger (see `redact.ts`).
 */
export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): unknown;
  info(message: string, meta?: Record<string, unknown>): unknown;
  warn(message: string, meta?: Record<string, unknown>): unknown;
  error(message: string, meta?: Record<string, unknown>): unknown;
  child(meta: Record<string, unknown>): Logger;
}
