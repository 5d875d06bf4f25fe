#!/usr/bin/env node
// The `kelp` command (`npx kelp …`): runs the compiled CLI. Build first (`npm run build`).
/* global process, URL */
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/bin/kelp.js', import.meta.url);
if (!existsSync(compiled)) {
  process.stderr.write('kelp: not built yet; run `npm run build` first\n');
  process.exit(1);
}
await import(compiled.href);
