import { z } from 'zod';
import { ServiceCatalogSchema } from '../../../../shared/messages/auth-messages.js';
import type { ServiceCatalog } from '../../../../shared/request/token-source.js';
import { endpointsToCatalog } from './endpoints-to-catalog.js';

const idString = z.union([z.string(), z.number()]).transform(String);

const TokenSchema = z.object({ id: z.string().min(1), expires: z.string().optional() });

const AccessSchema = z.object({
  access: z.object({ token: TokenSchema, serviceCatalog: ServiceCatalogSchema.optional() }),
});

const MossoSchema = z.object({ user: z.object({ id: idString }) });

const EndpointsSchema = z.object({
  endpoints: z.array(
    z.object({
      name: z.string(),
      type: z.string(),
      region: z.string().optional(),
      publicURL: z.string().min(1),
      internalURL: z.string().optional(),
      tenantId: idString.optional(),
    }),
  ),
});

export interface ParsedToken {
  readonly token: string;
  /** Epoch ms, or undefined when Identity gave no (parseable) expiry. */
  readonly expiresAt: number | undefined;
  readonly catalog: ServiceCatalog | undefined;
}

/** `{access: {token, serviceCatalog?}}` from password/API-key auth or impersonation; undefined if unusable. Pure. */
export function parseAccess(body: unknown): ParsedToken | undefined {
  const parsed = AccessSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { token, serviceCatalog } = parsed.data.access;
  return { token: token.id, expiresAt: parseExpiry(token.expires), catalog: serviceCatalog };
}

/** The username in a mosso lookup answer (`{user: {id}}`); undefined if absent. Pure. */
export function parseMossoUser(body: unknown): string | undefined {
  const parsed = MossoSchema.safeParse(body);
  return parsed.success ? parsed.data.user.id : undefined;
}

/** The catalog built from an endpoints-for-token answer; undefined if unusable. Pure. */
export function parseEndpoints(body: unknown): ServiceCatalog | undefined {
  const parsed = EndpointsSchema.safeParse(body);
  return parsed.success ? endpointsToCatalog(parsed.data.endpoints) : undefined;
}

/** ISO-8601 expiry (with offset) as epoch ms; undefined when missing or not a date. Pure. */
export function parseExpiry(expires: string | undefined): number | undefined {
  if (expires === undefined) return undefined;
  const ms = Date.parse(expires);
  return Number.isNaN(ms) ? undefined : ms;
}
