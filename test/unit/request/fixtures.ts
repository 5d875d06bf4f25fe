import type { EndpointConfig } from '../../../shared/request/endpoint-resolver.js';
import type { ServiceCatalog, TokenGrant, TokenSource } from '../../../shared/request/token-source.js';

export const CATALOG: ServiceCatalog = [
  {
    name: 'cloudServersBehavior',
    type: 'compute',
    endpoints: [{ region: 'ORD', publicURL: 'http://sim.test/control/ORD/v2/t1' }],
  },
  {
    name: 'cloudServersOpenStack',
    type: 'compute',
    endpoints: [
      { region: 'DFW', publicURL: 'http://sim.test/nova/DFW/v2/t1' },
      { region: 'ORD', publicURL: 'http://sim.test/nova/ORD/v2/t1' },
    ],
  },
  {
    name: 'cloudLoadBalancers',
    type: 'rax:load-balancer',
    endpoints: [{ region: 'ORD', publicURL: 'http://sim.test/clb/ORD/v2/t1/' }],
  },
];

export const ENDPOINTS: EndpointConfig = {
  cloudServersOpenStack: { name: 'cloudServersOpenStack', region: 'ORD' },
  cloudLoadBalancers: { name: 'cloudLoadBalancers', region: 'ORD' },
  rackconnect: { name: 'rackconnect', region: 'ORD' },
};

export function grant(token: string, catalog: ServiceCatalog = CATALOG): TokenGrant {
  return { token, catalog, expiresAt: Date.parse('2100-01-01T00:00:00Z') };
}

/** A token source handing out tok-1, tok-2, … (a new one after each invalidation), recording calls. */
export function createCountingTokenSource(): TokenSource & { readonly calls: string[] } {
  let current = 1;
  const calls: string[] = [];
  return {
    calls,
    getToken(tenantId) {
      calls.push(`get ${tenantId}`);
      return Promise.resolve(grant(`tok-${current}`));
    },
    invalidate(tenantId, token) {
      calls.push(`invalidate ${tenantId} ${token}`);
      if (token === `tok-${current}`) current += 1;
      return Promise.resolve();
    },
  };
}
