/**
 * The one error type Kelp throws on purpose. `kind` says what went wrong, `retryable` says whether doing
 * the same thing again may succeed, and `cause` chains the underlying error.
 *
 * Messages are written for operators: they never contain tokens, passwords or API keys.
 */
export type AppErrorKind =
  | 'config' // configuration invalid at start-up
  | 'decode' // a message or document failed validation
  | 'api' // a cloud API answered with an unexpected status
  | 'transport' // network failure talking to a cloud API or the broker
  | 'timeout' // a deadline passed (RPC, confirm, shutdown)
  | 'auth' // authentication failed or a tenant is unknown
  | 'endpoint' // the service catalog has no endpoint for a service/region
  | 'not-found' // a resource does not exist
  | 'conflict' // a resource is in the wrong state
  | 'unavailable' // a dependency (broker, auth service) is not reachable
  | 'internal'; // a programmer error

const BRAND = Symbol.for('kelp.AppError');

export interface AppErrorOptions {
  readonly retryable?: boolean;
  readonly cause?: unknown;
  readonly details?: Readonly<Record<string, unknown>>;
}

export class AppError extends Error {
  override readonly name: string = 'AppError';
  readonly kind: AppErrorKind;
  readonly retryable: boolean;
  readonly details: Readonly<Record<string, unknown>>;
  readonly [BRAND] = true;

  constructor(kind: AppErrorKind, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.retryable = options.retryable ?? false;
    this.details = options.details ?? {};
  }

  static is(value: unknown): value is AppError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  static isKind<K extends AppErrorKind>(value: unknown, kind: K): value is AppError & { kind: K } {
    return AppError.is(value) && value.kind === kind;
  }

  static retryable(kind: AppErrorKind, message: string, options: Omit<AppErrorOptions, 'retryable'> = {}): AppError {
    return new AppError(kind, message, { ...options, retryable: true });
  }

  static nonRetryable(kind: AppErrorKind, message: string, options: Omit<AppErrorOptions, 'retryable'> = {}): AppError {
    return new AppError(kind, message, { ...options, retryable: false });
  }
}

/** Normalises anything thrown into an AppError (kind `internal` unless it already is one). */
export function ensureAppError(value: unknown): AppError {
  if (AppError.is(value)) return value;
  if (value instanceof Error) return new AppError('internal', value.message, { cause: value });
  return new AppError('internal', `non-error thrown: ${String(value)}`);
}
