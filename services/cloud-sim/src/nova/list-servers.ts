/**
 * `GET /servers[/detail]` filtering and pagination (pure). Order is creation order. Filters: `changes-since`
 * (servers updated at or after it, deleted ones included as DELETED), `name` (a regex, searched anywhere in
 * the name, as Nova does), `status`; then `marker` (the page starts after that server) and `limit`. A full
 * page gets a `next` link, as Nova's `_get_collection_links` does.
 */
import type { ServerRecord, ServerView } from './server-record.js';
import { viewServer } from './server-record.js';

export interface ListQuery {
  readonly name?: string | undefined;
  readonly status?: string | undefined;
  readonly changesSince?: string | undefined;
  readonly limit?: string | undefined;
  readonly marker?: string | undefined;
}

export interface ListedServer {
  readonly server: ServerRecord;
  readonly view: ServerView;
}

export type ListResult =
  | { readonly ok: true; readonly page: readonly ListedServer[]; readonly nextMarker: string | null }
  | { readonly ok: false; readonly message: string };

export const LIST_TEXTS = {
  limitNotInteger: 'limit param must be an integer',
  limitNegative: 'limit param must be positive',
  badChangesSince: 'Invalid changes-since value',
  markerNotFound: (marker: string): string => `marker [${marker}] not found`,
} as const;

function nameMatcher(pattern: string): (name: string) => boolean {
  try {
    const re = new RegExp(pattern);
    return (name) => re.test(name);
  } catch {
    return (name) => name.includes(pattern);
  }
}

export function listServers(
  servers: Iterable<ServerRecord>,
  now: number,
  query: ListQuery,
  maxLimit: number,
): ListResult {
  let limit = maxLimit;
  if (query.limit !== undefined) {
    if (!/^-?\d+$/.test(query.limit.trim())) return { ok: false, message: LIST_TEXTS.limitNotInteger };
    const parsed = Number(query.limit);
    if (parsed < 0) return { ok: false, message: LIST_TEXTS.limitNegative };
    limit = parsed === 0 ? maxLimit : Math.min(parsed, maxLimit);
  }
  let since: number | null = null;
  if (query.changesSince !== undefined) {
    since = Date.parse(query.changesSince);
    if (Number.isNaN(since)) return { ok: false, message: LIST_TEXTS.badChangesSince };
  }
  let afterSeq = -1;
  const all = [...servers];
  if (query.marker !== undefined) {
    const marker = all.find((s) => s.id === query.marker);
    if (marker === undefined) return { ok: false, message: LIST_TEXTS.markerNotFound(query.marker) };
    afterSeq = marker.seq;
  }
  const nameOk = query.name === undefined ? null : nameMatcher(query.name);
  const page: ListedServer[] = [];
  for (const server of all) {
    if (server.seq <= afterSeq) continue;
    const view = viewServer(server, now);
    if (since === null ? view.gone : view.updated < since) continue;
    if (nameOk !== null && !nameOk(server.name)) continue;
    if (query.status !== undefined && view.status !== query.status) continue;
    page.push({ server, view });
    if (page.length === limit) break;
  }
  const last = page[page.length - 1];
  return { ok: true, page, nextMarker: page.length === limit && last !== undefined ? last.server.id : null };
}
