/**
 * A response body as data: `null` when empty, parsed JSON when the content type says JSON and it parses,
 * the raw text otherwise (clouds send plain-text errors under a JSON content type). Pure.
 */
export function parseBody(text: string, contentType: string | null): unknown {
  if (text === '') return null;
  if (contentType !== null && contentType.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
