import { REFRESH_COOKIE_HEADER, REFRESH_COOKIE_NAME } from '@taskflow/shared-contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Scoped to the token endpoints: no other request carries the refresh token. */
const COOKIE_PATH = '/api/token';

/**
 * The cookie mode of the token endpoints, for the web app: the refresh token travels in an
 * HttpOnly cookie that scripts cannot read. It needs `X-Refresh-Cookie: 1`, a header a cross-site
 * form cannot send and a cross-site script cannot add without a CORS preflight we refuse; with
 * SameSite=Strict on top, another site can neither read nor spend the token.
 */
export function wantsRefreshCookie(request: FastifyRequest): boolean {
  return request.headers[REFRESH_COOKIE_HEADER.toLowerCase()] === '1';
}

export function readRefreshCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== REFRESH_COOKIE_NAME) continue;
    const value = part.slice(separator + 1).trim();
    return value === '' ? undefined : value;
  }
  return undefined;
}

export function setRefreshCookie(request: FastifyRequest, reply: FastifyReply, token: string, maxAgeSeconds: number): void {
  reply.header('set-cookie', cookie(request, `${REFRESH_COOKIE_NAME}=${token}`, maxAgeSeconds));
}

export function clearRefreshCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('set-cookie', cookie(request, `${REFRESH_COOKIE_NAME}=`, 0));
}

function cookie(request: FastifyRequest, nameAndValue: string, maxAgeSeconds: number): string {
  const attributes = [nameAndValue, `Max-Age=${maxAgeSeconds}`, `Path=${COOKIE_PATH}`, 'HttpOnly', 'SameSite=Strict'];
  // Browsers drop a Secure cookie set over plain http, except from localhost: development over
  // http://localhost keeps working, and anything else must be https.
  if (!isPlainHttpLoopback(request)) attributes.push('Secure');
  return attributes.join('; ');
}

function isPlainHttpLoopback(request: FastifyRequest): boolean {
  if (request.protocol !== 'http') return false;
  const host = hostWithoutPort(request.headers.host ?? '');
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '[::1]';
}

function hostWithoutPort(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  return lower.split(':')[0] ?? '';
}
