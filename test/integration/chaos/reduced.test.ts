import { resolve } from 'node:path';
import anyTest, { type TestFn } from 'ava';
import { formatDetails } from '../../chaos/core/results-table.js';
import { createRun } from '../../chaos/harness/create-run.js';
import type { RunContext } from '../../chaos/harness/run-context.js';
import { hostileInputScenario } from '../../chaos/scenarios/s4-hostile-input.js';
import { secretsScenario } from '../../chaos/scenarios/s5-secrets.js';
import { tenantsScenario } from '../../chaos/scenarios/s6-tenants.js';

/**
 * The chaos suite's scenarios 4–6 at reduced size (test/chaos/README.md): a few hundred hostile messages per
 * queue, a short debug-level run scanned for secrets, a handful of tenants. Each runs against the real
 * services as processes, RabbitMQ and the simulator, in its own vhost (or namespace), and must pass.
 */
const test = anyTest as TestFn<{ run: RunContext }>;
const ROOT = resolve(import.meta.dirname, '../../../..');

test.before(async (t) => {
  t.context.run = await createRun({ root: ROOT, mode: 'reduced', env: process.env, log: (line) => t.log(line) });
});

for (const scenario of [hostileInputScenario, secretsScenario, tenantsScenario]) {
  test.serial(`chaos scenario ${scenario.name} (reduced) passes`, async (t) => {
    t.timeout(110_000);
    const result = await scenario.run({ ...t.context.run, log: (line) => t.log(line) });
    t.log(formatDetails([result]));
    t.is(result.status, 'passed', formatDetails([result]));
  });
}
