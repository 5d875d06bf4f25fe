import { REDACTED, isSecretKey } from '../logging/redact.js';

const TOKEN_IN_PATH = /(\/tokens\/)[^/?#]+/gi;
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/@?#]*@/i;

/**
 * A URL safe to show people: credentials in the authority, secret-looking query parameters, and the
 * token in Identity paths (`/tokens/{token}/endpoints`) are replaced. Pure; cheap when nothing matches.
 */
export function redactUrl(url: string): string {
  if (!url.includes('@') && !url.includes('?') && !/\/tokens\//i.test(url)) return url;
  let out = url.replace(USERINFO, `$1${REDACTED}@`).replace(TOKEN_IN_PATH, `$1${REDACTED}`);
  const q = out.indexOf('?');
  if (q >= 0) {
    const hash = out.indexOf('#', q);
    const end = hash >= 0 ? hash : out.length;
    const query = out
      .slice(q + 1, end)
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        const key = decodeSafely(eq >= 0 ? pair.slice(0, eq) : pair);
        return eq >= 0 && isSecretKey(key) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
      })
      .join('&');
    out = `${out.slice(0, q + 1)}${query}${out.slice(end)}`;
  }
  return out;
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
