import { z } from 'zod';
import { ConfigError } from '../errors/config-error.js';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Validates environment variables against a zod object schema whose keys are the variable names.
 * Pure: takes the environment as an argument. Throws one ConfigError listing every problem.
 */
export function parseEnv<S extends z.ZodObject>(schema: S, env: Env): z.infer<S> {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const parsed = schema.safeParse(picked);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(env)'}: ${issue.message}`),
  );
}

/** Runs several loaders and merges their ConfigErrors into one, so a user sees every problem at once. */
export function collectConfig<T>(load: () => T, ...more: (() => unknown)[]): T {
  const problems: string[] = [];
  let result: T | undefined;
  for (const [index, loader] of [load, ...more].entries()) {
    try {
      const value = loader();
      if (index === 0) result = value as T;
    } catch (error) {
      if (error instanceof ConfigError) problems.push(...error.problems);
      else throw error;
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return result as T;
}

/** Reusable field schemas for environment variables (strings in, typed values out). */
export const envField = {
  int: (defaultValue: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
    z.coerce.number().int().min(min).max(max).default(defaultValue),
  port: (defaultValue: number) => z.coerce.number().int().min(0).max(65535).default(defaultValue),
  bool: (defaultValue: boolean) =>
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .default(defaultValue ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  url: () => z.url(),
  logLevel: () => z.enum(['error', 'warn', 'info', 'debug']).default('info'),
  list: () =>
    z.string().transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    ),
};
