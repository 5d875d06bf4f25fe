/**
 * A small path-template router: `/servers/{id}/metadata/{key}` or `/loadbalancers/{lb:int}`. Routes are
 * tried in registration order (register literal paths such as `/servers/detail` before `/servers/{id}`).
 * A param with `:int` only matches digits; params are URL-decoded.
 */
export interface RouteSpec<H> {
  readonly method: string;
  /** e.g. `/servers/{id}` (`:int` constraints dropped); the counter and fault-matching label. */
  readonly template: string;
  readonly handler: H;
}

interface CompiledSegment {
  readonly literal: string | null;
  readonly param: string | null;
  readonly intOnly: boolean;
}

interface CompiledRoute<H> extends RouteSpec<H> {
  readonly segments: readonly CompiledSegment[];
}

export type RouteMatch<H> =
  | {
      readonly kind: 'found';
      readonly route: RouteSpec<H>;
      readonly params: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'method-not-allowed'; readonly allowed: readonly string[] }
  | { readonly kind: 'not-found' };

const DIGITS = /^\d+$/;

function compileSegment(text: string): CompiledSegment {
  const m = /^\{(\w+)(:int)?\}$/.exec(text);
  if (m === null) return { literal: text, param: null, intOnly: false };
  return { literal: null, param: m[1] ?? '', intOnly: m[2] !== undefined };
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

export class Router<H> {
  private readonly routes: CompiledRoute<H>[] = [];

  add(method: string, template: string, handler: H): this {
    const segments = template
      .split('/')
      .filter((s) => s !== '')
      .map(compileSegment);
    this.routes.push({ method, template: template.replace(/:int\}/g, '}'), handler, segments });
    return this;
  }

  /** Matches already-split path segments (no empty segments). */
  match(method: string, segments: readonly string[]): RouteMatch<H> {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (params === null) continue;
      if (route.method === method) return { kind: 'found', route, params };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
  }
}

function matchSegments(
  pattern: readonly CompiledSegment[],
  segments: readonly string[],
): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  let params: Record<string, string> | null = null;
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as CompiledSegment;
    const s = segments[i] as string;
    if (p.literal !== null) {
      if (p.literal !== s) return null;
      continue;
    }
    const value = safeDecode(s);
    if (value === null || value === '' || (p.intOnly && !DIGITS.test(value))) return null;
    params ??= {};
    params[p.param ?? ''] = value;
  }
  return params ?? {};
}

/** Splits a request URL into non-empty path segments and the raw query (trailing slashes ignored). */
export function splitUrl(url: string): { segments: string[]; query: string } {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? '' : url.slice(q + 1);
  return { segments: path.split('/').filter((s) => s !== ''), query };
}
