import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1 (bound and released; the caller binds it right after). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface HttpBody {
  readonly status: number;
  readonly body: string;
}

/** GET on loopback with a timeout; null when the server does not answer. */
export async function httpGet(url: string, timeoutMs = 2_000): Promise<HttpBody | null> {
  if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url)) throw new Error(`refusing a non-loopback target: ${url}`);
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, body: await response.text() };
  } catch {
    return null;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` every `intervalMs` until it returns a value other than undefined, or throws after
 * `timeoutMs` with `what` in the message. Polling is the only way to wait for another process's state.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** Waits until `GET <base>/readyz` answers 200. */
export function waitReady(baseUrl: string, timeoutMs: number, what = baseUrl): Promise<true> {
  return waitFor(
    `${what} /readyz`,
    async () => ((await httpGet(`${baseUrl}/readyz`))?.status === 200 ? true : undefined),
    timeoutMs,
  );
}
