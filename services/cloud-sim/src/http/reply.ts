/**
 * What a handler returns: plain data that the HTTP shell writes out. Handlers never touch the response.
 */
export interface Reply {
  readonly status: number;
  /** A JSON body (serialised by the shell), or undefined for an empty body. */
  readonly json?: unknown;
  /** A pre-serialised JSON body (used by hot paths that cache serialisation). */
  readonly rawJson?: string;
  /** A plain-text body. */
  readonly text?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export function jsonReply(status: number, json: unknown, headers?: Readonly<Record<string, string>>): Reply {
  return headers === undefined ? { status, json } : { status, json, headers };
}

export function textReply(status: number, text: string): Reply {
  return { status, text };
}

export function emptyReply(status: number, headers?: Readonly<Record<string, string>>): Reply {
  return headers === undefined ? { status } : { status, headers };
}

/** Serialises a reply into the status, headers and bytes to send. */
export function renderReply(reply: Reply): { status: number; headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = { ...reply.headers };
  let body = '';
  if (reply.rawJson !== undefined) {
    body = reply.rawJson;
    headers['content-type'] ??= 'application/json';
  } else if (reply.json !== undefined) {
    body = JSON.stringify(reply.json);
    headers['content-type'] ??= 'application/json';
  } else if (reply.text !== undefined) {
    body = reply.text;
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  }
  headers['content-length'] = String(Buffer.byteLength(body));
  return { status: reply.status, headers, body };
}
