/** A named readiness check: true when the dependency it watches is usable. */
export type ReadinessCheck = () => boolean | Promise<boolean>;

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, boolean>>;
}

/** Runs every check (a throwing or slow check counts as not ready) and reports each by name. */
export async function evaluateReadiness(
  checks: ReadonlyMap<string, ReadinessCheck>,
  shuttingDown: boolean,
  timeoutMs = 2000,
): Promise<ReadinessReport> {
  const results: Record<string, boolean> = {};
  await Promise.all(
    [...checks].map(async ([name, check]) => {
      results[name] = await runCheck(check, timeoutMs);
    }),
  );
  if (shuttingDown) results['shutting-down'] = false;
  return { ready: Object.values(results).every(Boolean), checks: results };
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    return await Promise.race([Promise.resolve().then(check), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
