/**
 * The Identity v2.0 access document returned by `POST /tokens` (with catalog) and token validation (without).
 */
import { isoMillis } from '../clock.js';
import type { SimState } from '../state/sim-state.js';
import { buildCatalog } from './catalog.js';
import type { TokenRecord, UserRecord } from './identity-state.js';

export type AuthMethod = 'PASSWORD' | 'APIKEY' | 'TOKEN';

const USER_ROLES = [{ id: '3', name: 'identity:user-admin', description: 'User Admin Role.' }];
const ADMIN_ROLES = [
  { id: '1', name: 'identity:admin', description: 'Admin Role.' },
  { id: '5', name: 'identity:service-admin', description: 'Service Admin Role.' },
];

export function accessDocument(
  state: SimState,
  user: UserRecord,
  token: TokenRecord,
  baseUrl: string,
  options: { readonly catalog: boolean; readonly method: AuthMethod },
): Record<string, unknown> {
  const tokenJson: Record<string, unknown> = {
    id: token.id,
    expires: isoMillis(token.expiresAt),
    'RAX-AUTH:authenticatedBy': [options.method],
  };
  if (token.tenantId !== null) tokenJson['tenant'] = { id: token.tenantId, name: token.tenantId };
  const access: Record<string, unknown> = {
    token: tokenJson,
    user: {
      id: user.userId,
      name: user.username,
      roles: user.admin ? ADMIN_ROLES : USER_ROLES,
      'RAX-AUTH:defaultRegion': state.regions[0] ?? 'ORD',
    },
  };
  if (options.catalog) {
    access['serviceCatalog'] =
      token.tenantId === null
        ? []
        : buildCatalog(baseUrl, token.tenantId, {
            segments: state.segments,
            regions: state.regions,
            decoys: state.decoys,
          });
  }
  return { access };
}
