import winston from 'winston';
import type { Writable } from 'node:stream';
import type { Logger } from './logger.js';
import { REDACTED, isSecretKey, redact, redactString } from './redact.js';

export interface LoggerOptions {
  readonly service: string;
  readonly level: 'error' | 'warn' | 'info' | 'debug';
  /** `auto`: readable lines on a TTY, JSON lines otherwise. */
  readonly format: 'auto' | 'json' | 'pretty';
  /** Where lines go; defaults to stdout. Tests pass a stream to capture output. */
  readonly stream?: Writable;
  readonly isTty?: boolean;
}

const WINSTON_KEYS = new Set(['level', 'message', 'timestamp', 'service']);

/** Redacts every field winston will print (message and meta), whatever format renders it. */
const redactFormat = winston.format((info) => {
  info.message = typeof info.message === 'string' ? redactString(info.message) : redact(info.message);
  for (const key of Object.keys(info)) {
    if (!WINSTON_KEYS.has(key)) info[key] = isSecretKey(key) ? REDACTED : redact(info[key]);
  }
  return info;
});

const pretty = winston.format.printf((info) => {
  const { level, message, timestamp, service, ...meta } = info;
  const rest = Object.keys(meta).length > 0 ? ` ${JSON.stringify(meta)}` : '';
  return `${String(timestamp)} ${level} [${String(service)}] ${String(message)}${rest}`;
});

/** A winston logger: JSON lines off a TTY, readable lines on one; secret fields redacted. */
export function createLogger(options: LoggerOptions): Logger {
  const stream = options.stream ?? process.stdout;
  const tty = options.isTty ?? (stream === process.stdout && process.stdout.isTTY);
  const usePretty = options.format === 'pretty' || (options.format === 'auto' && tty);
  return winston.createLogger({
    level: options.level,
    defaultMeta: { service: options.service },
    format: winston.format.combine(
      redactFormat(),
      winston.format.timestamp(),
      usePretty ? winston.format.combine(winston.format.colorize(), pretty) : winston.format.json(),
    ),
    transports: [new winston.transports.Stream({ stream })],
  });
}

/** A logger that drops everything (tests, benchmarks). */
export function createSilentLogger(): Logger {
  return winston.createLogger({ silent: true, transports: [new winston.transports.Console({ silent: true })] });
}
