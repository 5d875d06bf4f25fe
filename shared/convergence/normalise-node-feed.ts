/**
 * When a CLB node went DRAINING, from its atom feed (`GET loadbalancers/<lb>/nodes/<node>.atom`, reference
 * §7.3): the `updated` time of the first entry whose summary says the node was created or updated DRAINING.
 * Tolerant by design: anything unreadable gives null (the planner then falls back on the server's own
 * drain mark, see Note [Drain clock] in `drain-and-delete.ts`).
 */

const DRAINING_SUMMARIES = [
  /^Node successfully updated with address: '.+', port: '\d+', weight: '\d+', condition: 'DRAINING'$/,
  /^Node successfully created with address: '.+', port: '\d+', condition: 'DRAINING', weight: '\d+'$/,
];

const ENTITIES: Readonly<Record<string, string>> = {
  '&apos;': "'",
  '&#39;': "'",
  '&quot;': '"',
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
};

function unescapeXml(text: string): string {
  return text.replace(/&(?:apos|#39|quot|lt|gt|amp);/g, (entity) => ENTITIES[entity] ?? entity);
}

function elementText(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`).exec(xml);
  return match?.[1] === undefined ? undefined : unescapeXml(match[1].trim());
}

export function drainedAtFromFeed(xml: string): number | null {
  for (const match of xml.matchAll(/<entry(?:\s[^>]*)?>([\s\S]*?)<\/entry>/g)) {
    const entry = match[1] ?? '';
    const summary = elementText(entry, 'summary');
    if (summary === undefined || !DRAINING_SUMMARIES.some((re) => re.test(summary))) continue;
    const updated = Date.parse(elementText(entry, 'updated') ?? '');
    return Number.isFinite(updated) ? updated : null;
  }
  return null;
}
