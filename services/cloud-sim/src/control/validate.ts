/**
 * Runs a control-input schema, turning a validation failure into an AppError of kind `decode`.
 */
import type { z } from 'zod';
import { prettifyError } from 'zod';
import { AppError } from '../../../../shared/errors/app-error.js';

export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw AppError.nonRetryable('decode', prettifyError(result.error));
  return result.data;
}

export function notFound(what: string): AppError {
  return AppError.nonRetryable('not-found', `${what} not found`);
}
