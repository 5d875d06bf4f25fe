import type { GroupView } from './group-view.js';

/** Left-aligned columns, two spaces apart (pure). */
export function renderTable(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '),
  );
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The group as the demo prints it (pure): a line per server, then each load balancer's node count. */
export function renderGroup(view: GroupView): string[] {
  const header = ['SERVER', 'NAME', 'STATUS', 'PUBLIC IP', 'SERVICENET IP', `CLB ${view.clb.id}`, 'RCv3 POOL'];
  const rows = view.servers.map((s) => [
    s.id,
    s.name,
    s.status,
    s.publicIp ?? '-',
    s.serviceNetIp ?? '-',
    s.clbNode ?? 'not a node',
    s.poolNode ?? 'not a member',
  ]);
  return [
    `Group ${view.groupId} (tenant ${view.tenantId}): ${plural(view.servers.length, 'server')}`,
    ...(rows.length === 0 ? [] : renderTable([header, ...rows]).map((line) => `  ${line}`)),
    `  CLB ${view.clb.id} "${view.clb.name}" (${view.clb.status}): ${plural(view.clb.nodes, 'node')}`,
    `  RCv3 pool ${view.pool.id} "${view.pool.name}": ${plural(view.pool.nodes, 'node')}`,
  ];
}
