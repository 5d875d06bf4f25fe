/**
 * The standalone simulator process: configured from the environment, serves /healthz and the APIs, and
 * exits 0 on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import test from 'ava';

const MAIN = fileURLToPath(new URL('../../../services/cloud-sim/src/main.js', import.meta.url));

test('main.js starts from the environment, answers /healthz and exits 0 on SIGTERM', async (t) => {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, SIM_PORT: '0', SIM_TENANTS: 'acme', SIM_BUILD_TIME_MS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"message":"cloud-sim-listening","url":"([^"]+)"/.exec(output);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited early with ${String(code)}: ${output}`)));
  });
  const health = await fetch(`${url}/healthz`);
  t.deepEqual([health.status, await health.json()], [200, { status: 'ok' }]);
  const auth = await fetch(`${url}/identity/v2.0/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ auth: { passwordCredentials: { username: 'user-acme', password: 'password-acme' } } }),
  });
  t.is(auth.status, 200);
  const exit = once(child, 'exit');
  child.kill('SIGTERM');
  const [code] = (await exit) as [number | null];
  t.is(code, 0);
  t.false(output.includes('password-acme'), 'no secrets in the log');
});

test('main.js refuses a bad environment with one message and exit code 2', async (t) => {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, SIM_PORT: 'eighty', SIM_CLOCK: 'slow' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  t.is(code, 2);
  t.regex(stderr, /SIM_PORT must be an integer.*SIM_CLOCK must be "real" or "virtual"/);
});
