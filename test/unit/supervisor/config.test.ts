import test from 'ava';
import { loadSupervisorConfig, SUPERVISOR_ENV_VARS } from '../../../services/supervisor/src/config.js';
import { ConfigError } from '../../../shared/errors/config-error.js';
import { readFileSync } from 'node:fs';

test('loadSupervisorConfig applies the documented defaults', (t) => {
  const config = loadSupervisorConfig({});
  t.like(config, { jobPrefetch: 20, workPrefetch: 50, lbStepTimeoutMs: 300_000 });
  t.deepEqual(config.jobs, {
    pollIntervalMs: 2_000,
    activeTimeoutMs: 7_200_000,
    errorReplacements: 3,
    createRetries: 3,
    createRetryDelayMs: 5_000,
    searchRetries: 10,
    lbRetries: 10,
    lbRetryDelayMs: 5_000,
    deleteRetries: 10,
    deleteRetryDelayMs: 2_000,
    deleteRetryMaxDelayMs: 60_000,
  });
});

test('loadSupervisorConfig reads each setting from its variable', (t) => {
  const config = loadSupervisorConfig({
    SUPERVISOR_POLL_INTERVAL_MS: '250',
    SUPERVISOR_ERROR_REPLACEMENTS: '0',
    SUPERVISOR_LB_STEP_TIMEOUT_MS: '5000',
  });
  t.is(config.jobs.pollIntervalMs, 250);
  t.is(config.jobs.errorReplacements, 0);
  t.is(config.lbStepTimeoutMs, 5000);
});

test('loadSupervisorConfig lists every problem in one error', (t) => {
  const error = t.throws(
    () => loadSupervisorConfig({ SUPERVISOR_POLL_INTERVAL_MS: 'soon', SUPERVISOR_LB_RETRIES: '-1' }),
    { instanceOf: ConfigError },
  );
  t.is(error?.problems.length, 2);
});

test('the supervisor README documents every variable', (t) => {
  const readme = readFileSync(new URL('../../../../services/supervisor/README.md', import.meta.url), 'utf8');
  t.deepEqual(
    SUPERVISOR_ENV_VARS.filter((name) => !readme.includes(`\`${name}\``)),
    [],
  );
});
