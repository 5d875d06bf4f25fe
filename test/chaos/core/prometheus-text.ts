/** The first sample of a metric in Prometheus text exposition (labels ignored), or null. Pure. */
export function metricValue(text: string, metric: string): number | null {
  const escaped = metric.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`^${escaped}(?:\\{[^}]*\\})?\\s+(\\S+)`, 'm').exec(text);
  if (match === null) return null;
  const value = Number(match[1]);
  return Number.isFinite(value) ? value : null;
}

/** Lines that are not one JSON object each (a log line broken or forged by input), with their numbers. */
export function nonJsonLines(text: string): { readonly line: number; readonly text: string }[] {
  const bad: { line: number; text: string }[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        bad.push({ line: index + 1, text: line.slice(0, 200) });
    } catch {
      bad.push({ line: index + 1, text: line.slice(0, 200) });
    }
  });
  return bad;
}
