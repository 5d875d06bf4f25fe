import type { QueryValue, ServiceRequest } from '../../../../../shared/request/service-request.js';

/**
 * Nova's paginated server listing (otter gathering, reference §7.3): `GET servers/detail?limit=N`, then
 * each page's `servers_links` `rel: next` link, whose query (marker, limit, filters) becomes the next
 * request's query. Pure.
 */
export function listServersRequest(query: Readonly<Record<string, QueryValue>>): ServiceRequest {
  return {
    service: 'cloudServersOpenStack',
    method: 'GET',
    path: ['servers', 'detail'],
    query,
    okStatus: [200, 203],
    reauthStatus: [401, 403],
  };
}

/** The query of the page after `body`, or undefined on the last page (no `next` link, or no servers). */
export function nextPageQuery(body: unknown): Readonly<Record<string, string>> | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const servers = (body as { servers?: unknown }).servers;
  if (!Array.isArray(servers) || servers.length === 0) return undefined;
  const links = (body as { servers_links?: unknown }).servers_links;
  if (!Array.isArray(links)) return undefined;
  for (const link of links as unknown[]) {
    if (typeof link !== 'object' || link === null) continue;
    const { rel, href } = link as { rel?: unknown; href?: unknown };
    if (rel !== 'next' || typeof href !== 'string' || !URL.canParse(href, 'http://nova.invalid/')) continue;
    const query: Record<string, string> = {};
    for (const [name, value] of new URL(href, 'http://nova.invalid/').searchParams) query[name] = value;
    return query['marker'] === undefined ? undefined : query;
  }
  return undefined;
}
