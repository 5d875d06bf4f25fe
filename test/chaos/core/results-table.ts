import { countViolations, describeViolation } from './invariants.js';
import { totalsOf, type ScenarioResult } from './scenario-result.js';

/**
 * The suite's one table: per scenario the load held (terminal/submitted jobs), faults survived, bad inputs
 * tried, jobs lost, servers duplicated and resources leaked, then a totals row; below it every failed
 * check, every violation and the notes. Pure: results in, text out.
 */
export const TABLE_COLUMNS = [
  'scenario',
  'result',
  'load held',
  'faults survived',
  'bad inputs tried',
  'jobs lost',
  'servers duplicated',
  'resources leaked',
  'time',
] as const;

const NUMERIC_FROM = 2;

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} m ${String(Math.round(seconds - minutes * 60)).padStart(2, '0')} s`;
}

function rowOf(result: ScenarioResult): string[] {
  const counts = countViolations(result.violations);
  const ran = result.status === 'passed' || result.status === 'failed';
  const load = result.load.submitted === 0 ? '-' : `${result.load.terminal}/${result.load.submitted} jobs`;
  return [
    result.name,
    result.status.toUpperCase(),
    ran ? load : '-',
    ran ? String(result.faults.survived) : '-',
    ran ? String(result.badInputs) : '-',
    ran ? String(counts.jobsLost) : '-',
    ran ? String(counts.serversDuplicated) : '-',
    ran ? String(counts.resourcesLeaked) : '-',
    formatDuration(result.durationMs),
  ];
}

function totalRow(results: readonly ScenarioResult[]): string[] {
  const totals = totalsOf(results);
  const submitted = results.reduce((sum, result) => sum + result.load.submitted, 0);
  const terminal = results.reduce((sum, result) => sum + result.load.terminal, 0);
  const passed = results.filter((result) => result.status === 'passed').length;
  return [
    'total',
    `${passed}/${results.length} passed`,
    submitted === 0 ? '-' : `${terminal}/${submitted} jobs`,
    String(results.reduce((sum, result) => sum + result.faults.survived, 0)),
    String(results.reduce((sum, result) => sum + result.badInputs, 0)),
    String(totals.jobsLost),
    String(totals.serversDuplicated),
    String(totals.resourcesLeaked),
    formatDuration(results.reduce((sum, result) => sum + result.durationMs, 0)),
  ];
}

/** A plain-text table with aligned columns (numbers right-aligned) and a totals row. */
export function formatResultsTable(results: readonly ScenarioResult[]): string {
  const rows = [[...TABLE_COLUMNS], ...results.map(rowOf), totalRow(results)];
  const widths = TABLE_COLUMNS.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const render = (row: readonly string[]): string =>
    row
      .map((cell, column) => {
        const width = widths[column] ?? cell.length;
        return column >= NUMERIC_FROM ? cell.padStart(width) : cell.padEnd(width);
      })
      .join(' | ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('-+-');
  const [header, ...body] = rows;
  const total = body.pop() ?? [];
  return [render(header ?? []), rule, ...body.map(render), rule, render(total)].join('\n');
}

/**
 * Fault details, checks, violations (the first `maxViolations` per scenario, then a count of the rest)
 * and notes per scenario; scenarios with nothing to say are left out.
 */
export function formatDetails(results: readonly ScenarioResult[], maxViolations = 20): string {
  const lines: string[] = [];
  for (const result of results) {
    const shown = result.violations.slice(0, maxViolations);
    const hidden = result.violations.length - shown.length;
    const items = [
      ...(result.faults.detail === '' ? [] : [`faults: ${result.faults.detail}`]),
      ...result.checks.map((check) => `${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`),
      ...shown.map((violation) => `VIOLATION ${describeViolation(violation)}`),
      ...(hidden > 0 ? [`... and ${hidden} more violations`] : []),
      ...result.notes.map((note) => `note: ${note}`),
    ];
    if (items.length === 0) continue;
    lines.push(`${result.name} (${result.status})`, ...items.map((item) => `  ${item}`));
  }
  return lines.join('\n');
}
