import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { defaultCredentials } from '../../../services/cloud-sim/src/index.js';
import { AppError } from '../../../shared/errors/app-error.js';
import { LIST_SERVERS, startSimStack } from './sim-harness.js';

async function credentialsFile(t: { teardown(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kelp-auth-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const a = defaultCredentials('200001');
  const b = defaultCredentials('200002');
  const path = join(dir, 'tenants.json');
  await writeFile(
    path,
    JSON.stringify({
      tenants: {
        '200001': { username: a.username, password: a.password },
        '200002': { username: b.username, apiKey: b.apiKey },
        '200003': { username: 'user-200003', password: 'wrong-password' },
      },
    }),
  );
  return path;
}

test('credentials strategy authenticates tenants with password and API key from the file', async (t) => {
  const path = await credentialsFile(t);
  const stack = await startSimStack({
    tenants: ['200001', '200002', '200003'],
    env: { AUTH_STRATEGY: 'credentials', AUTH_CREDENTIALS_FILE: path },
  });
  t.teardown(() => stack.sim.close());
  t.is((await stack.request('200001', LIST_SERVERS)).status, 200);
  t.is((await stack.request('200002', LIST_SERVERS)).status, 200);
  const counters = stack.sim.counters();
  t.deepEqual([counters.authentications['200001'], counters.authentications['200002']], [1, 1]);
});

test('credentials strategy: 1,000 concurrent cold requests cause exactly one Identity authentication', async (t) => {
  const path = await credentialsFile(t);
  const stack = await startSimStack({
    tenants: ['200001'],
    env: { AUTH_STRATEGY: 'credentials', AUTH_CREDENTIALS_FILE: path },
  });
  t.teardown(() => stack.sim.close());
  await Promise.all(Array.from({ length: 1000 }, () => stack.tokens.getToken('200001')));
  t.is(stack.sim.counters().authentications['200001'], 1);
});

test('credentials strategy: rejected credentials and unlisted tenants fail at once, naming the tenant', async (t) => {
  const path = await credentialsFile(t);
  const stack = await startSimStack({
    tenants: ['200003'],
    env: { AUTH_STRATEGY: 'credentials', AUTH_CREDENTIALS_FILE: path },
  });
  t.teardown(() => stack.sim.close());
  const rejected = await t.throwsAsync(stack.tokens.getToken('200003'));
  t.true(AppError.isKind(rejected, 'auth'));
  t.regex(rejected?.message ?? '', /rejected.*200003/);
  t.is(stack.sim.counters().authentications['200003'], 1);
  const unlisted = await t.throwsAsync(stack.tokens.getToken('200009'));
  t.regex(unlisted?.message ?? '', /no credentials .* 200009/);
});
