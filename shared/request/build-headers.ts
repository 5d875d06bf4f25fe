export const USER_AGENT = 'Kelp/0.1';

export interface HeaderInputs {
  readonly token: string;
  readonly correlationId: string;
  readonly userAgent: string;
  /** Whether a JSON body is sent (Content-Type is only set with a body). */
  readonly hasBody: boolean;
  /** The request's own headers: they override the defaults, never the token. */
  readonly extra?: Readonly<Record<string, string>> | undefined;
}

/**
 * Headers of an authenticated JSON call (otter `headers(token)` plus X-Request-Id): Accept JSON, Content-Type
 * JSON when there is a body (every header costs client and server parsing time), User-Agent, X-Request-Id
 * and X-Auth-Token. Names are lower-case. Pure.
 */
export function buildHeaders(inputs: HeaderInputs): Record<string, string> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'user-agent': inputs.userAgent,
    'x-request-id': inputs.correlationId,
  };
  if (inputs.hasBody) headers['content-type'] = 'application/json';
  if (inputs.extra !== undefined) {
    for (const [name, value] of Object.entries(inputs.extra)) headers[name.toLowerCase()] = value;
  }
  headers['x-auth-token'] = inputs.token;
  return headers;
}
