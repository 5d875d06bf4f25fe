/**
 * `npm run chaos [-- [scenario ids…] [--reduced] [--seed S] [--broker-outage stop-app] [--out DIR]]`: runs the
 * reliability and security scenarios against the services as separate processes, RabbitMQ and the
 * simulator, and prints one table. Exit code 0 when every scenario that ran passed.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatDetails, formatResultsTable } from './core/results-table.js';
import { suitePassed, type ScenarioResult } from './core/scenario-result.js';
import { createRun } from './harness/create-run.js';
import { SCENARIOS } from './scenarios/index.js';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      reduced: { type: 'boolean', default: false },
      seed: { type: 'string' },
      out: { type: 'string' },
      'broker-outage': { type: 'string', default: 'drop-connections' },
      list: { type: 'boolean', default: false },
    },
  });
  if (values.list) {
    for (const scenario of SCENARIOS) process.stdout.write(`${scenario.id}  ${scenario.name}\n`);
    return 0;
  }
  const outage = values['broker-outage'];
  if (outage !== 'drop-connections' && outage !== 'stop-app') {
    process.stderr.write('--broker-outage must be drop-connections or stop-app\n');
    return 2;
  }
  const unknown = positionals.filter((id) => !SCENARIOS.some((scenario) => scenario.id === id));
  if (unknown.length > 0) {
    process.stderr.write(`unknown scenario ${unknown.join(', ')}; --list shows them\n`);
    return 2;
  }
  const selected =
    positionals.length === 0 ? SCENARIOS : SCENARIOS.filter((scenario) => positionals.includes(scenario.id));
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const ctx = await createRun({
    root: process.cwd(),
    mode: values.reduced ? 'reduced' : 'full',
    ...(values.seed === undefined ? {} : { seed: values.seed }),
    ...(values.out === undefined ? {} : { outDir: values.out }),
    brokerOutage: outage,
    env: process.env,
    log,
  });
  log(
    `chaos run ${ctx.runId} (${ctx.mode}, seed ${ctx.seed}, rabbitmqctl ${ctx.useCtl ? 'yes' : 'no'}), logs in ${ctx.runDir}`,
  );
  const results: ScenarioResult[] = [];
  for (const scenario of selected) {
    log(`scenario ${scenario.name} ...`);
    const result = await scenario.run(ctx);
    log(`scenario ${scenario.name}: ${result.status} in ${Math.round(result.durationMs / 1000)} s`);
    results.push(result);
  }
  const table = formatResultsTable(results);
  const details = formatDetails(results);
  process.stdout.write(`\n${table}\n\n${details}\n\nlogs: ${ctx.runDir}\n`);
  writeFileSync(`${ctx.runDir}/results.txt`, `${table}\n\n${details}\n`);
  writeFileSync(
    `${ctx.runDir}/results.json`,
    JSON.stringify({ runId: ctx.runId, mode: ctx.mode, seed: ctx.seed, results }, null, 2),
  );
  return suitePassed(results) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`chaos: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
