/**
 * `Authorization: Bearer <token>`, exactly: one scheme (case-insensitive, RFC 9110 §11.1), one
 * space-separated token in token68 syntax (RFC 6750 §2.1) shaped like a compact JWS, and nothing
 * else. passport-jwt's own extractor takes the first two words of anything, so `Bearer a b` or
 * `Basic x, Bearer y` would have been read as a token. A JWS whose header carries `crit` is refused
 * here too: RFC 7515 §4.1.11 says a recipient that does not understand the listed extensions must
 * reject it, and jsonwebtoken ignores the parameter.
 */
const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+) *$/i;
const MAX_TOKEN_LENGTH = 4096;

export function bearerToken(request: BearerRequest): string | null {
  const token = bearerTokenText(request);
  if (!token || hasCriticalHeader(token)) return null;
  return token;
}

/**
 * The token text if the header has the right shape, its JWS header not yet read: enough to find a
 * token that bearerToken accepted before (VerifiedTokens), without decoding its header again.
 */
export function bearerTokenText(request: BearerRequest): string | null {
  const header = request.headers?.['authorization'];
  if (typeof header !== 'string' || header.length > MAX_TOKEN_LENGTH) return null;
  return BEARER.exec(header)?.[1] ?? null;
}

type BearerRequest = { headers?: Record<string, string | string[] | undefined> };

function hasCriticalHeader(token: string): boolean {
  try {
    const header: unknown = JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8'));
    return typeof header !== 'object' || header === null || Array.isArray(header) || 'crit' in header;
  } catch {
    return true;
  }
}
