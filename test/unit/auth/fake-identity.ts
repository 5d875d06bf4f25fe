import type { HttpRequest, Transport } from '../../../shared/request/http-types.js';

export interface IdentityAnswer {
  readonly status: number;
  readonly body?: unknown;
}

/** A scripted Identity: `route` answers each request; every request is recorded. */
export function createFakeIdentity(route: (request: HttpRequest) => IdentityAnswer | Error) {
  const requests: HttpRequest[] = [];
  const transport: Transport = async (request) => {
    requests.push(request);
    await Promise.resolve();
    const answer = route(request);
    if (answer instanceof Error) throw answer;
    return { status: answer.status, headers: {}, body: answer.body ?? null, url: request.url };
  };
  return { transport, requests };
}

export const IDENTITY = 'http://id.test/v2.0';

export const ENDPOINTS_BODY = {
  endpoints: [
    {
      name: 'cloudServersOpenStack',
      type: 'compute',
      region: 'ORD',
      publicURL: 'http://nova/ORD/v2/t1',
      tenantId: 't1',
      id: 'x1',
    },
    {
      name: 'cloudServersOpenStack',
      type: 'compute',
      region: 'DFW',
      publicURL: 'http://nova/DFW/v2/t1',
      tenantId: 't1',
      id: 'x2',
    },
    {
      name: 'cloudLoadBalancers',
      type: 'rax:load-balancer',
      region: 'ORD',
      publicURL: 'http://clb/ORD/v2/t1',
      tenantId: 't1',
      id: 'x3',
    },
  ],
};

export function accessBody(token: string, expires = '2100-01-01T00:00:00.000Z', catalog?: unknown) {
  return { access: { token: { id: token, expires }, ...(catalog === undefined ? {} : { serviceCatalog: catalog }) } };
}
