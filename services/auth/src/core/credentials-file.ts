import { z } from 'zod';
import { ConfigError } from '../../../../shared/errors/config-error.js';
import type { Credentials } from './identity-requests.js';

const CredentialSchema = z.union([
  z.object({ username: z.string().min(1), password: z.string().min(1) }).strict(),
  z.object({ username: z.string().min(1), apiKey: z.string().min(1) }).strict(),
]);

const CredentialsFileSchema = z.object({ tenants: z.record(z.string().min(1), CredentialSchema) }).strict();

/**
 * Parses the per-tenant credentials file:
 * `{"tenants": {"<tenantId>": {"username": "…", "password": "…"} | {"username": "…", "apiKey": "…"}}}`.
 * Pure. Problems name the tenant and field, never a value.
 */
export function parseCredentialsFile(text: string, path: string): ReadonlyMap<string, Credentials> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError([`AUTH_CREDENTIALS_FILE (${path}): not valid JSON`]);
  }
  const parsed = CredentialsFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues
        .slice(0, 20)
        .map(
          (issue) =>
            `AUTH_CREDENTIALS_FILE (${path}): ${issue.path.map(String).join('.') || '(root)'}: ${issue.code === 'invalid_union' ? 'needs username with password or apiKey' : issue.code}`,
        ),
    );
  }
  return new Map(Object.entries(parsed.data.tenants));
}
