/**
 * Pure redaction of secrets in structured data: values under secret-looking keys are replaced, and
 * credentials embedded in URLs (`amqp://user:pass@host`) are masked. Used by the logger and by anything
 * that renders data for people (health output, error details).
 */
export const REDACTED = '[REDACTED]';

const SECRET_KEY =
  /^(x-auth-token|authorization|cookie|set-cookie|token|id_token|access_token|refresh_token|password|passwd|apikey|api_key|api-key|adminpass|secret|credentials|passwordcredentials|rax-kskey:apikeycredentials)$/i;
const SECRET_KEY_PART = /(token|password|apikey|api_key|secret|adminpass)$/i;
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/)([^/@\s:]+):([^/@\s]+)@/gi;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) || SECRET_KEY_PART.test(key);
}

export function redactString(value: string): string {
  return value.replace(URL_CREDENTIALS, (_m, scheme: string, user: string) => `${scheme}${user}:${REDACTED}@`);
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[TRUNCATED]';
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { name: value.name, message: redactString(value.message) };
  }
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    out[key] = isSecretKey(key) ? REDACTED : redact(item, depth + 1);
  }
  return out;
}
