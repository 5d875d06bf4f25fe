/**
 * `npm test` entry: checks that the broker the integration tests need is reachable (failing with a clear
 * message naming AMQP_URL when it is not), runs ava on the compiled tests, and ends with the plain
 * `N passed, N failed` line CI reads.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { connect } from 'amqplib';

const DEFAULT_AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
const SUITES = {
  unit: ['dist/test/unit/**/*.test.js'],
  integration: ['dist/test/integration/**/*.test.js'],
  all: ['dist/test/unit/**/*.test.js', 'dist/test/integration/**/*.test.js'],
} as const;

type Suite = keyof typeof SUITES;

function maskUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]+@/, '//$1:***@');
}

async function brokerReachable(url: string): Promise<string | undefined> {
  try {
    const conn = await connect(url, { timeout: 5000 });
    await conn.close();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function main(): Promise<number> {
  const suite = (process.argv[2] ?? 'all') as Suite;
  if (!(suite in SUITES)) {
    console.error(`unknown suite "${suite}"; use one of ${Object.keys(SUITES).join(', ')}`);
    return 2;
  }
  if (suite !== 'unit') {
    const url = process.env['AMQP_URL'] ?? DEFAULT_AMQP_URL;
    const problem = await brokerReachable(url);
    if (problem !== undefined) {
      console.error(
        `The integration tests need RabbitMQ, and none answered at AMQP_URL=${maskUrl(url)} (${problem}).\n` +
          'Start one (rabbitmq-server -detached, or `make up` for docker compose) or set AMQP_URL, then run the tests again.\n' +
          'Unit tests alone run without a broker: npm run test:unit',
      );
      return 1;
    }
  }
  const args = ['ava', ...SUITES[suite], ...process.argv.slice(3)];
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const code = await new Promise<number>((resolve) => {
    const child = spawn('npx', args, {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      process.stdout.write(`${line}\n`);
      // Off a TTY ava prints one line per test: ✔ passed, ✘ failed, - skipped.
      if (/^\s*✔/.test(line)) counts.passed += 1;
      else if (/^\s*✘/.test(line)) counts.failed += 1;
      else if (/^\s*- \[skip\]/.test(line)) counts.skipped += 1;
      const uncaught = /^\s*(\d+) uncaught exceptions?/.exec(line);
      if (uncaught !== null) counts.failed += Number(uncaught[1]);
    });
    child.on('close', (exitCode) => resolve(exitCode ?? 1));
  });
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : '';
  console.log(`${counts.passed} passed, ${counts.failed} failed${skipped}`);
  return code;
}

process.exitCode = await main();
