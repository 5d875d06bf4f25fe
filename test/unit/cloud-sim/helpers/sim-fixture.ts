/**
 * Test fixture: an in-process simulator on an ephemeral port (virtual clock), a seeded tenant with a token,
 * and a tiny fetch wrapper that returns status, headers and parsed body.
 */
import type { ExecutionContext } from 'ava';
import type { CloudSim, CloudSimOptions, SeededTenant } from '../../../../services/cloud-sim/src/index.js';
import { DEFAULT_IMAGES, startCloudSim } from '../../../../services/cloud-sim/src/index.js';

export const IMAGE = DEFAULT_IMAGES[0]?.id ?? '';
export const FLAVOR = 'general1-1';

export interface HttpResult {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON, or the raw text when not JSON, or null when empty. */
  readonly body: unknown;
  readonly text: string;
}

export async function http(
  method: string,
  url: string,
  options: { token?: string; json?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token !== undefined) headers['x-auth-token'] = options.token;
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.json !== undefined) body = JSON.stringify(options.json);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  let parsed: unknown = null;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

export async function login(sim: CloudSim, tenant: SeededTenant): Promise<string> {
  const res = await http('POST', `${sim.identityUrl}/tokens`, {
    json: {
      auth: {
        passwordCredentials: { username: tenant.username, password: tenant.password },
        tenantId: tenant.tenantId,
      },
    },
  });
  return (res.body as { access: { token: { id: string } } }).access.token.id;
}

export interface Fixture {
  readonly sim: CloudSim;
  readonly tenant: SeededTenant;
  readonly token: string;
  readonly nova: string;
  readonly clb: string;
  readonly rcv3: string;
}

/** Starts a simulator for one test (closed at teardown) with tenant `t1` logged in. */
export async function fixture(t: ExecutionContext, options: CloudSimOptions = {}): Promise<Fixture> {
  const sim = await startCloudSim({ seed: 'test', clockStartMs: Date.UTC(2026, 0, 1), ...options });
  t.teardown(() => sim.close());
  const tenant = sim.seedTenant({ tenantId: 't1' });
  const token = await login(sim, tenant);
  return {
    sim,
    tenant,
    token,
    nova: sim.serviceUrl('nova', 't1'),
    clb: sim.serviceUrl('clb', 't1'),
    rcv3: sim.serviceUrl('rcv3', 't1'),
  };
}

/** Creates a server and returns its id. */
export async function createServer(f: Fixture, name = 'srv', metadata: Record<string, string> = {}): Promise<string> {
  const res = await http('POST', `${f.nova}/servers`, {
    token: f.token,
    json: { server: { name, imageRef: IMAGE, flavorRef: FLAVOR, metadata } },
  });
  if (res.status !== 202) throw new Error(`create failed: ${res.status} ${res.text}`);
  return (res.body as { server: { id: string } }).server.id;
}
