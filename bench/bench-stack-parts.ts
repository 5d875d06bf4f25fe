/**
 * Pieces the end-to-end benchmarks share: the cloud simulator as a child process (its CPU is not what they
 * measure) and a RabbitMQ vhost of their own, removed afterwards.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const BENCH_AMQP_URL = process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';
const SIM_MAIN = fileURLToPath(new URL('../services/cloud-sim/src/main.js', import.meta.url));
const run = promisify(execFile);

/** Starts the standalone simulator (real clock, ephemeral port) with extra `SIM_*` settings; resolves once it listens. */
export async function startSimChild(
  env: Readonly<Record<string, string>>,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [SIM_MAIN], {
    env: { ...process.env, SIM_PORT: '0', SIM_CLOCK: 'real', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const line of createInterface({ input: child.stdout as NodeJS.ReadableStream })) {
    const entry = JSON.parse(line) as { message?: string; url?: string };
    if (entry.message === 'cloud-sim-listening' && typeof entry.url === 'string') {
      child.stdout?.resume();
      return { url: entry.url, child };
    }
  }
  throw new Error('the simulator exited before listening');
}

/** A fresh vhost `kelp-bench-<label>-<random>` on the broker at AMQP_URL, with full permissions for its user. */
export async function createBenchVhost(label: string): Promise<{ url: string; remove(): Promise<unknown> }> {
  const name = `kelp-bench-${label}-${randomBytes(4).toString('hex')}`;
  const base = new URL(BENCH_AMQP_URL);
  await run('rabbitmqctl', ['-q', 'add_vhost', name]);
  const user = decodeURIComponent(base.username) || 'guest';
  await run('rabbitmqctl', ['-q', 'set_permissions', '-p', name, user, '.*', '.*', '.*']);
  base.pathname = `/${encodeURIComponent(name)}`;
  return { url: base.toString(), remove: () => run('rabbitmqctl', ['-q', 'delete_vhost', name]) };
}
