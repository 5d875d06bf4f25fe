import type { z } from 'zod';

/** Most problems listed for one invalid job. */
export const MAX_PROBLEMS = 50;

/** Every schema issue as `path: message` (e.g. `launchConfig.server.flavorRef: must not be blank`). */
export function describeProblems(issues: readonly z.core.$ZodIssue[]): string[] {
  const problems = issues.slice(0, MAX_PROBLEMS).map((issue) => {
    const path = issue.path.map((key) => (typeof key === 'symbol' ? key.toString() : String(key))).join('.');
    return `${path === '' ? '(job)' : path}: ${issue.message}`;
  });
  if (issues.length > MAX_PROBLEMS) problems.push(`… and ${issues.length - MAX_PROBLEMS} more problems`);
  return problems;
}
