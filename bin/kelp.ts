#!/usr/bin/env node
/**
 * The `kelp` CLI entry point (compiled to dist/bin/kelp.js): submit jobs and follow them.
 * See services/cli/src/cli-program.ts for the commands.
 */
import { readFile } from 'node:fs/promises';
import { runCli } from '../services/cli/src/cli-program.js';
import { connectBus } from '../services/cli/src/connect-bus.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  readFile: (path) => readFile(path, 'utf8'),
  connect: connectBus,
  now: () => performance.now(),
});
