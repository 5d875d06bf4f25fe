/**
 * `npm run bench [-- <case>...]`: runs the benchmark cases, prints a table for people and one JSON line per
 * result for machines, and writes all results to bench-results/<timestamp>.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type { BenchResult } from './bench-case.js';
import { BENCH_CASES } from './cases/index.js';
import { formatTable } from './format-table.js';

async function main(): Promise<number> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((w) => !BENCH_CASES.some((c) => c.name === w));
  if (unknown.length > 0) {
    console.error(`unknown case(s): ${unknown.join(', ')}; known: ${BENCH_CASES.map((c) => c.name).join(', ')}`);
    return 2;
  }
  const cases = wanted.length === 0 ? BENCH_CASES : BENCH_CASES.filter((c) => wanted.includes(c.name));
  const results: BenchResult[] = [];
  const started = Date.now();
  for (const benchCase of cases) {
    process.stderr.write(`running ${benchCase.name}: ${benchCase.description}\n`);
    try {
      for (const result of await benchCase.run()) {
        results.push(result);
        console.log(JSON.stringify(result));
      }
    } catch (error) {
      const failed: BenchResult = {
        case: benchCase.name,
        metric: 'error',
        value: Number.NaN,
        unit: error instanceof Error ? error.message.slice(0, 200) : String(error),
        baseline: null,
        ratio: null,
        target: 'runs',
        pass: false,
      };
      results.push(failed);
      console.log(JSON.stringify(failed));
    }
  }
  console.log('');
  console.log(formatTable(results));
  console.log(
    `\n${results.filter((r) => r.pass).length}/${results.length} targets met in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  await mkdir('bench-results', { recursive: true });
  const file = `bench-results/${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  await writeFile(file, `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`);
  console.log(`results written to ${file}`);
  return 0;
}

process.exitCode = await main();
process.exit();
