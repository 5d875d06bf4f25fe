import test from 'ava';
import { Registry, Counter } from 'prom-client';
import { HealthServer } from '../../../shared/health/health-server.js';

async function start(t: { teardown(fn: () => Promise<void>): void }) {
  const registry = new Registry();
  new Counter({ name: 'kelp_test_total', help: 'test counter', registers: [registry] }).inc(3);
  const server = new HealthServer({ port: 0, host: '127.0.0.1', registry });
  const port = await server.listen();
  t.teardown(() => server.close());
  return { server, base: `http://127.0.0.1:${port}` };
}

test('healthz answers 200 while the process lives', async (t) => {
  const { base } = await start(t);
  const res = await fetch(`${base}/healthz`);
  t.is(res.status, 200);
});

test('readyz is 200 when every check passes and 503 naming the failing check otherwise', async (t) => {
  const { server, base } = await start(t);
  let brokerUp = true;
  server.addCheck('broker', () => brokerUp);
  server.addCheck('consumers', async () => Promise.resolve(true));
  t.is((await fetch(`${base}/readyz`)).status, 200);
  brokerUp = false;
  const res = await fetch(`${base}/readyz`);
  t.is(res.status, 503);
  t.deepEqual(await res.json(), { status: 'not-ready', checks: { broker: false, consumers: true } });
});

test('readyz turns 503 once shutdown starts, and a throwing check counts as not ready', async (t) => {
  const { server, base } = await start(t);
  server.addCheck('flaky', () => {
    throw new Error('boom');
  });
  t.is((await fetch(`${base}/readyz`)).status, 503);
  server.markShuttingDown();
  const body = (await (await fetch(`${base}/readyz`)).json()) as { checks: Record<string, boolean> };
  t.false(body.checks['shutting-down']);
});

test('metrics serves the registry in Prometheus text format', async (t) => {
  const { base } = await start(t);
  const text = await (await fetch(`${base}/metrics`)).text();
  t.regex(text, /kelp_test_total 3/);
});
