/**
 * Benchmark `memory`: idle resident memory of each runtime as a standalone process, read from its own
 * `/metrics` (`process_resident_memory_bytes`) after it has been ready and idle for a few seconds.
 * Target: <= 80 MB each. The services run on RabbitMQ under a unique namespace, against a simulator child,
 * with the V8 flags they are deployed with (SERVICE_NODE_FLAGS: a 1 MB young-generation semi-space; the
 * default 16 MB ones alone add ~10 MB of idle RSS to an I/O-bound service that never needs them).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { connect } from 'amqplib';
import { createTopology } from '../../shared/amqp/topology.js';
import { benchResult, type BenchCase, type BenchResult } from '../bench-case.js';

const AMQP_URL = process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';
const LIMIT_MB = 80;
/** The flags the Dockerfile and compose file run services with (NODE_OPTIONS). */
export const SERVICE_NODE_FLAGS = ['--max-semi-space-size=1'];
const IDLE_MS = 3_000;
const main = (service: string) => fileURLToPath(new URL(`../../services/${service}/src/main.js`, import.meta.url));

interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  readonly healthUrl: string;
}

function start(name: string, script: string, env: Record<string, string>, healthUrl: string): Child {
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, script], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  return { name, process: child, healthUrl };
}

async function waitReady(url: string, deadlineMs = 20_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`${url} not ready within ${deadlineMs} ms`);
}

async function residentMb(metricsUrl: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const line = text.split('\n').find((l) => l.startsWith('process_resident_memory_bytes'));
  const bytes = Number(line?.split(' ').pop());
  if (!Number.isFinite(bytes)) throw new Error(`no process_resident_memory_bytes at ${metricsUrl}`);
  return bytes / 1024 / 1024;
}

async function deleteNamespace(prefix: string): Promise<void> {
  const conn = await connect(AMQP_URL);
  try {
    const topology = createTopology({ prefix });
    for (const q of topology.queueDeclarations) {
      const ch = await conn.createChannel();
      await ch.deleteQueue(q.name).catch(() => undefined);
      await ch.close().catch(() => undefined);
    }
    for (const x of topology.exchangeDeclarations) {
      const ch = await conn.createChannel();
      await ch.deleteExchange(x.name).catch(() => undefined);
      await ch.close().catch(() => undefined);
    }
  } finally {
    await conn.close();
  }
}

async function run(): Promise<readonly BenchResult[]> {
  const namespace = `bench-mem-${randomBytes(4).toString('hex')}`;
  const simPort = 20_000 + Math.floor(Math.random() * 20_000);
  const base = 40_000 + Math.floor(Math.random() * 20_000);
  const common = {
    AMQP_URL,
    KELP_NAMESPACE: namespace,
    LOG_LEVEL: 'warn',
    IDENTITY_URL: `http://127.0.0.1:${simPort}/identity/v2.0`,
    IDENTITY_ADMIN_USERNAME: 'identity-admin',
    IDENTITY_ADMIN_PASSWORD: 'admin-password',
  };
  const children: Child[] = [];
  try {
    children.push(
      start('cloud-sim', main('cloud-sim'), { SIM_PORT: String(simPort) }, `http://127.0.0.1:${simPort}/healthz`),
    );
    await waitReady(`http://127.0.0.1:${simPort}/healthz`);
    ['auth', 'load-balancer', 'supervisor'].forEach((service, i) => {
      const port = String(base + i);
      children.push(start(service, main(service), { ...common, HEALTH_PORT: port }, `http://127.0.0.1:${port}`));
    });
    await Promise.all(children.slice(1).map((c) => waitReady(`${c.healthUrl}/readyz`)));
    await sleep(IDLE_MS);
    const results: BenchResult[] = [];
    for (const child of children.slice(1)) {
      const mb = await residentMb(`${child.healthUrl}/metrics`);
      results.push(
        benchResult({
          case: 'memory',
          metric: `idle-rss-${child.name}`,
          value: Number(mb.toFixed(1)),
          unit: 'MB',
          target: `<= ${LIMIT_MB} MB`,
          pass: mb <= LIMIT_MB,
        }),
      );
    }
    return results;
  } finally {
    for (const child of children) child.process.kill('SIGTERM');
    await sleep(500);
    await deleteNamespace(namespace).catch(() => undefined);
  }
}

export const memoryBenchCase: BenchCase = {
  name: 'memory',
  description: 'idle RSS of the auth, load-balancer and supervisor processes (target <= 80 MB each)',
  run,
};
