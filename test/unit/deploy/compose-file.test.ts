import test from 'ava';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** `docker compose` (v2 plugin) where it exists, else Debian's `docker-compose`; .ci/run installs the latter. */
async function composeCommand(): Promise<readonly [string, readonly string[]]> {
  try {
    await run('docker', ['compose', 'version']);
    return ['docker', ['compose']];
  } catch {
    return ['docker-compose', []];
  }
}

test('docker compose config -q accepts docker-compose.yml', async (t) => {
  const [command, prefix] = await composeCommand();
  const { stderr } = await run(command, [...prefix, '-f', 'docker-compose.yml', 'config', '-q']);
  t.is(stderr.trim(), '');
});

test('the compose stack runs every service with a readiness health check and ordered start-up', async (t) => {
  const [command, prefix] = await composeCommand();
  const { stdout } = await run(command, [...prefix, '-f', 'docker-compose.yml', 'config']);
  for (const service of ['rabbitmq', 'cloud-sim', 'auth', 'load-balancer', 'supervisor']) {
    t.regex(stdout, new RegExp(`\\n  ${service}:\\n`), `service ${service}`);
  }
  t.is(stdout.match(/\/readyz/g)?.length, 3, 'auth, load-balancer and supervisor check /readyz');
  t.is(stdout.match(/condition: service_healthy/g)?.length, 9, 'auth 2, load-balancer 3, supervisor 4');
});
