/**
 * Where the request function gets a tenant's token and service catalog. Two implementations: RPC to the
 * auth service over the bus (`rpc-token-source.ts`) and in-process (`in-process-token-source.ts`).
 */

/** One endpoint of a catalog entry (Identity v2.0 `serviceCatalog[].endpoints[]`). */
export interface CatalogEndpoint {
  readonly region?: string | undefined;
  readonly publicURL: string;
  readonly internalURL?: string | undefined;
  readonly tenantId?: string | undefined;
}

/** One service of a catalog: selected by `name` (never by `type`, which control planes share). */
export interface CatalogEntry {
  readonly name: string;
  readonly type: string;
  readonly endpoints: readonly CatalogEndpoint[];
}

export type ServiceCatalog = readonly CatalogEntry[];

/** A tenant's token with its catalog. `expiresAt` is epoch milliseconds, as Identity reported it. */
export interface TokenGrant {
  readonly token: string;
  readonly catalog: ServiceCatalog;
  readonly expiresAt: number;
}

export interface TokenSource {
  /** A valid token for the tenant; rejects with AppError (`auth`: rejected/unknown; `unavailable`/`timeout`: retry later). */
  getToken(tenantId: string): Promise<TokenGrant>;
  /** Reports that `token` was refused; the source drops it if it still holds that very token. */
  invalidate(tenantId: string, token: string): Promise<void>;
}
