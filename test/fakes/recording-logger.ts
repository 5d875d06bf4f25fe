import type { Logger } from '../../shared/logging/logger.js';

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly meta: Readonly<Record<string, unknown>>;
}

/** A Logger that keeps every entry (children share the list and add their meta) and prints nothing. */
export class RecordingLogger implements Logger {
  constructor(
    readonly entries: LogEntry[] = [],
    private readonly base: Readonly<Record<string, unknown>> = {},
  ) {}

  debug(message: string, meta: Record<string, unknown> = {}): void {
    this.record('debug', message, meta);
  }

  info(message: string, meta: Record<string, unknown> = {}): void {
    this.record('info', message, meta);
  }

  warn(message: string, meta: Record<string, unknown> = {}): void {
    this.record('warn', message, meta);
  }

  error(message: string, meta: Record<string, unknown> = {}): void {
    this.record('error', message, meta);
  }

  child(meta: Record<string, unknown>): Logger {
    return new RecordingLogger(this.entries, { ...this.base, ...meta });
  }

  messages(level?: LogEntry['level']): string[] {
    return this.entries.filter((entry) => level === undefined || entry.level === level).map((entry) => entry.message);
  }

  private record(level: LogEntry['level'], message: string, meta: Record<string, unknown>): void {
    this.entries.push({ level, message, meta: { ...this.base, ...meta } });
  }
}
