import test from 'ava';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const SOURCE_ROOTS = ['services', 'shared', 'bin'];
/**
 * `env['X']`, `env.X` or `process.env.X` anywhere; in config/env modules also `X:` keys of env schemas and
 * quoted `'X_Y'` names handed to parsing helpers.
 */
const ENV_ACCESS = /\benv(?:\[['"]([A-Z][A-Z0-9_]+)['"]\]|\.([A-Z][A-Z0-9_]+))/g;
const SCHEMA_KEY = /^\s+([A-Z][A-Z0-9_]{2,}):/gm;
const QUOTED_NAME = /['"]([A-Z][A-Z0-9]*_[A-Z0-9_]+)['"]/g;
const CONFIG_MODULE = /(config|env)[^/]*\.ts$/;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return entry.name.endsWith('.ts') ? [path] : [];
    }),
  );
  return nested.flat();
}

async function variablesTheCodeReads(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const root of SOURCE_ROOTS) {
    for (const file of await sourceFiles(root)) {
      const text = await readFile(file, 'utf8');
      for (const m of text.matchAll(ENV_ACCESS)) names.add((m[1] ?? m[2]) as string);
      if (!CONFIG_MODULE.test(file)) continue;
      for (const m of text.matchAll(SCHEMA_KEY)) names.add(m[1] as string);
      for (const m of text.matchAll(QUOTED_NAME)) names.add(m[1] as string);
    }
  }
  return names;
}

/** Variables named in the first column of the README's configuration tables: | `NAME`[, `NAME2`] | default | meaning | */
async function variablesTheReadmeDocuments(): Promise<Set<string>> {
  const readme = await readFile('README.md', 'utf8');
  const firstCells = [...readme.matchAll(/^\|\s*(`[A-Z][A-Z0-9_]+`(?:\s*,\s*`[A-Z][A-Z0-9_]+`)*)\s*\|/gm)];
  return new Set(
    firstCells.flatMap((m) => [...(m[1] as string).matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((n) => n[1] as string)),
  );
}

test('every environment variable the code reads appears in the README configuration table', async (t) => {
  const documented = await variablesTheReadmeDocuments();
  const missing = [...(await variablesTheCodeReads())].filter((name) => !documented.has(name)).sort();
  t.deepEqual(missing, []);
});

test('the README documents no variable the code does not read', async (t) => {
  const read = await variablesTheCodeReads();
  const stale = [...(await variablesTheReadmeDocuments())].filter((name) => !read.has(name)).sort();
  t.deepEqual(stale, []);
});
