/**
 * One scripted scenario per API, driven through ky the way Kelp's services call the clouds: URLs come
 * from the catalog (selected by name and region), tokens from Identity.
 */
import test from 'ava';
import ky, { type KyInstance } from 'ky';
import { DEFAULT_ADMIN, DEFAULT_IMAGES, startCloudSim } from '../../../services/cloud-sim/src/index.js';
import type { CloudSim } from '../../../services/cloud-sim/src/index.js';

interface CatalogEntry {
  name: string;
  type: string;
  endpoints: { region: string; publicURL: string }[];
}

const base = ky.create({ retry: 0, throwHttpErrors: false, timeout: 5000 });

async function start(t: { teardown(fn: () => Promise<void>): void }, options = {}): Promise<CloudSim> {
  const sim = await startCloudSim({
    seed: 'scenario',
    clockStartMs: Date.UTC(2026, 2, 1),
    tenants: ['acme'],
    ...options,
  });
  t.teardown(() => sim.close());
  return sim;
}

function endpoint(catalog: CatalogEntry[], name: string, region: string): string {
  const url = catalog.find((e) => e.name === name)?.endpoints.find((e) => e.region === region)?.publicURL;
  if (url === undefined) throw new Error(`no ${name} in ${region}`);
  return url;
}

async function tenantSession(sim: CloudSim, service: string): Promise<{ api: KyInstance; root: string }> {
  const auth = await base
    .post(`${sim.identityUrl}/tokens`, {
      json: {
        auth: { 'RAX-KSKEY:apiKeyCredentials': { username: 'user-acme', apiKey: 'apikey-acme' }, tenantId: 'acme' },
      },
    })
    .json<{ access: { token: { id: string }; serviceCatalog: CatalogEntry[] } }>();
  return {
    api: base.extend({ headers: { 'x-auth-token': auth.access.token.id } }),
    root: endpoint(auth.access.serviceCatalog, service, 'ORD'),
  };
}

test('Identity scenario: impersonate a tenant the way otter does and call Nova with the result', async (t) => {
  const sim = await start(t);
  const admin = `${sim.url}/identity/v2.0`;
  const mosso = await base.get(`${admin.replace('v2.0', 'v1.1')}/mosso/acme`, {
    headers: {
      authorization: `Basic ${Buffer.from(`${DEFAULT_ADMIN.username}:${DEFAULT_ADMIN.password}`).toString('base64')}`,
    },
    redirect: 'manual',
  });
  t.is(mosso.status, 301);
  const username = (await mosso.json<{ user: { id: string } }>()).user.id;
  const impersonation = { 'RAX-AUTH:impersonation': { user: { username }, 'expire-in-seconds': 10800 } };
  t.is((await base.post(`${admin}/RAX-AUTH/impersonation-tokens`, { json: impersonation })).status, 401);
  const adminToken = (
    await base
      .post(`${admin}/tokens`, {
        json: { auth: { passwordCredentials: { username: DEFAULT_ADMIN.username, password: DEFAULT_ADMIN.password } } },
      })
      .json<{ access: { token: { id: string } } }>()
  ).access.token.id;
  const adminApi = base.extend({ headers: { 'x-auth-token': adminToken } });
  const token = (
    await adminApi
      .post(`${admin}/RAX-AUTH/impersonation-tokens`, { json: impersonation })
      .json<{ access: { token: { id: string } } }>()
  ).access.token.id;
  const { endpoints } = await adminApi
    .get(`${admin}/tokens/${token}/endpoints`)
    .json<{ endpoints: { name: string; type: string; region: string; publicURL: string }[] }>();
  const byType = endpoints.find((e) => e.type === 'compute');
  const byName = endpoints.find((e) => e.name === 'cloudServersOpenStack' && e.region === 'ORD');
  t.is(byType?.name, 'cloudServersBehavior', 'selecting by type alone lands on the control plane');
  const servers = await base.get(`${byName?.publicURL ?? ''}/servers/detail`, { headers: { 'x-auth-token': token } });
  t.is(servers.status, 200);
  sim.advanceClock(10_800_000);
  t.is(
    (await base.get(`${byName?.publicURL ?? ''}/servers/detail`, { headers: { 'x-auth-token': token } })).status,
    401,
  );
  t.deepEqual(sim.counters().impersonations, { acme: 1 });
});

test('Nova scenario: create, wait for ACTIVE, list by group, tag, delete and verify', async (t) => {
  const sim = await start(t, { buildTimeMs: 5000, deleteTimeMs: 3000 });
  const { api, root } = await tenantSession(sim, 'cloudServersOpenStack');
  const ids: string[] = [];
  for (const name of ['as-1', 'as-2', 'as-3']) {
    const res = await api.post(`${root}/servers`, {
      json: {
        server: {
          name,
          imageRef: DEFAULT_IMAGES[0]?.id,
          flavorRef: 'general1-2',
          metadata: { 'rax:autoscale:group:id': 'g1' },
        },
      },
    });
    t.is(res.status, 202);
    ids.push((await res.json<{ server: { id: string } }>()).server.id);
  }
  const status = async (id: string): Promise<string> =>
    (await api.get(`${root}/servers/${id}`).json<{ server: { status: string } }>()).server.status;
  t.is(await status(ids[0] ?? ''), 'BUILD');
  sim.advanceClock(5000);
  t.deepEqual(await Promise.all(ids.map(status)), ['ACTIVE', 'ACTIVE', 'ACTIVE']);
  const listed: string[] = [];
  let params: Record<string, string> = { limit: '2' };
  for (;;) {
    const page = await api.get(`${root}/servers/detail`, { searchParams: params }).json<{
      servers: { id: string; metadata: Record<string, string> }[];
      servers_links?: { rel: string; href: string }[];
    }>();
    listed.push(...page.servers.filter((s) => s.metadata['rax:autoscale:group:id'] === 'g1').map((s) => s.id));
    const next = page.servers_links?.find((l) => l.rel === 'next');
    if (next === undefined) break;
    params = Object.fromEntries(new URL(next.href).searchParams);
  }
  t.deepEqual(listed, ids);
  const tag = await api.put(`${root}/servers/${ids[0] ?? ''}/metadata/rax:autoscale:server:state`, {
    json: { meta: { 'rax:autoscale:server:state': 'DRAINING' } },
  });
  t.is(tag.status, 200);
  t.is((await api.delete(`${root}/servers/${ids[0] ?? ''}`)).status, 204);
  const verify = await api.get(`${root}/servers/${ids[0] ?? ''}`).json<{ server: Record<string, string> }>();
  t.is(verify.server['OS-EXT-STS:task_state']?.trim().toLowerCase(), 'deleting');
  sim.advanceClock(3000);
  t.is((await api.get(`${root}/servers/${ids[0] ?? ''}`)).status, 404);
});

test('CLB scenario: add nodes, respect PENDING_UPDATE, drain one, remove with the retry-without-gone-ids rule', async (t) => {
  const sim = await start(t, { clbImmutableMs: 1000 });
  const lbId = sim.seedLoadBalancer({ tenantId: 'acme', name: 'web' })['id'] as number;
  const { api, root } = await tenantSession(sim, 'cloudLoadBalancers');
  const lb = `${root}/loadbalancers/${lbId}`;
  const added = await api.post(`${lb}/nodes`, {
    json: {
      nodes: [1, 2, 3].map((i) => ({
        address: `10.180.1.${i}`,
        port: 80,
        condition: 'ENABLED',
        weight: 1,
        type: 'PRIMARY',
      })),
    },
  });
  t.is(added.status, 202);
  const nodeIds = (await added.json<{ nodes: { id: number }[] }>()).nodes.map((n) => n.id);
  const busy = await api.put(`${lb}/nodes/${nodeIds[0] ?? 0}`, {
    json: { node: { condition: 'DRAINING', weight: 1, type: 'PRIMARY' } },
  });
  t.is(busy.status, 422);
  t.regex(
    (await busy.json<{ message: string }>()).message,
    /^Load\s*Balancer '\d+' has a status of '[^']+' and is considered immutable/i,
  );
  sim.advanceClock(1000);
  t.is(
    (
      await api.put(`${lb}/nodes/${nodeIds[0] ?? 0}`, {
        json: { node: { condition: 'DRAINING', weight: 1, type: 'PRIMARY' } },
      })
    ).status,
    202,
  );
  sim.advanceClock(1000);
  sim.removeClbNode(lbId, nodeIds[1] ?? 0);
  let ids = [...nodeIds];
  let res = await api.delete(`${lb}/nodes`, {
    searchParams: new URLSearchParams(ids.map((id): [string, string] => ['id', String(id)])),
  });
  if (res.status === 400) {
    const message = (await res.json<{ validationErrors: { messages: string[] } }>()).validationErrors.messages[0] ?? '';
    const gone = (/Node ids ((?:\d+,)*(?:\d+)) are not a part of your load\s*balancer/.exec(message)?.[1] ?? '')
      .split(',')
      .map(Number);
    t.deepEqual(gone, [nodeIds[1]]);
    ids = ids.filter((id) => !gone.includes(id));
    res = await api.delete(`${lb}/nodes`, {
      searchParams: new URLSearchParams(ids.map((id): [string, string] => ['id', String(id)])),
    });
  }
  t.is(res.status, 202);
  sim.advanceClock(1000);
  const nodes = await api.get(`${lb}/nodes`).json<{ nodes: unknown[] }>();
  t.deepEqual(nodes.nodes, []);
  t.is(sim.counters().clbMutatingRequests[String(lbId)], 5);
});

test('RCv3 scenario: bulk add, re-add after 409 without the members, bulk remove', async (t) => {
  const sim = await start(t, { buildTimeMs: 0 });
  const { api, root } = await tenantSession(sim, 'rackconnect');
  const nova = await tenantSession(sim, 'cloudServersOpenStack');
  const pools = await api.get(`${root}/load_balancer_pools`).json<{ id: string; name: string }[]>();
  const pool = pools[0]?.id ?? '';
  const servers: string[] = [];
  for (const name of ['a', 'b']) {
    const res = await nova.api.post(`${nova.root}/servers`, {
      json: { server: { name, imageRef: DEFAULT_IMAGES[0]?.id, flavorRef: '2' } },
    });
    servers.push((await res.json<{ server: { id: string } }>()).server.id);
  }
  const pairs = (ids: string[]) => ids.map((id) => ({ cloud_server: { id }, load_balancer_pool: { id: pool } }));
  t.is((await api.post(`${root}/load_balancer_pools/nodes`, { json: pairs([servers[0] ?? '']) })).status, 201);
  const conflict = await api.post(`${root}/load_balancer_pools/nodes`, { json: pairs(servers) });
  t.is(conflict.status, 409);
  const errors = (await conflict.json<{ errors: string[] }>()).errors;
  const already = errors
    .map(
      (e) =>
        /^Cloud Server (?<node>.*) is already a member of Load Balancer Pool (?<lb>.*)$/i.exec(e)?.groups?.['node'],
    )
    .filter((id): id is string => id !== undefined);
  t.deepEqual(already, [servers[0]]);
  const retry = await api.post(`${root}/load_balancer_pools/nodes`, {
    json: pairs(servers.filter((s) => !already.includes(s))),
  });
  t.is(retry.status, 201);
  const counts = await api
    .get(`${root}/load_balancer_pools/${pool}`)
    .json<{ node_counts: { cloud_servers: number } }>();
  t.is(counts.node_counts.cloud_servers, 2);
  t.is((await api.delete(`${root}/load_balancer_pools/nodes`, { json: pairs(servers) })).status, 204);
  t.deepEqual(await api.get(`${root}/load_balancer_pools/${pool}/nodes`).json(), []);
});
