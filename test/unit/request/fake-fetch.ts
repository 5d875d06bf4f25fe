/** A scripted `fetch` for transport tests (ky `test/fetch.ts` style): records requests, answers from a script. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export type FakeAnswer =
  | { readonly status: number; readonly body?: string; readonly headers?: Record<string, string> }
  | { readonly error: Error };

export interface FakeFetch {
  readonly fetch: typeof globalThis.fetch;
  readonly requests: RecordedRequest[];
}

/** Answers each call with the next scripted answer (the last one repeats). */
export function createFakeFetch(
  answers: readonly FakeAnswer[] | ((request: RecordedRequest) => FakeAnswer),
): FakeFetch {
  const requests: RecordedRequest[] = [];
  let index = 0;
  const fetch = async (input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const recorded: RecordedRequest = {
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    };
    requests.push(recorded);
    const answer = typeof answers === 'function' ? answers(recorded) : answers[Math.min(index++, answers.length - 1)];
    if (answer === undefined) throw new Error('fake fetch has no answer');
    if ('error' in answer) throw answer.error;
    return new Response(answer.status === 204 || answer.status === 304 ? null : (answer.body ?? ''), {
      status: answer.status,
      headers: { 'content-type': 'application/json', ...answer.headers },
    });
  };
  return { fetch: fetch, requests };
}

/** A network failure as Node's fetch reports it. */
export function networkError(code = 'ECONNREFUSED'): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code}`), { code }) });
}
