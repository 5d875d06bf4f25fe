import type { QueryValue } from './service-request.js';

/**
 * Joins a base URL and path segments with exactly one `/` between them, URL-encoding every segment, and
 * appends the query (arrays become repeated keys, in order). Pure.
 */
export function buildUrl(base: string, path: readonly string[], query?: Readonly<Record<string, QueryValue>>): string {
  let url = base.endsWith('/') ? base.replace(/\/+$/, '') : base;
  for (const segment of path) url += `/${encodeURIComponent(segment)}`;
  if (query === undefined) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value))
      for (const item of value as readonly (string | number)[]) params.append(key, String(item));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text === '' ? url : `${url}?${text}`;
}
