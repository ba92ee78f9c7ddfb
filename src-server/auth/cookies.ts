import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Cookie choices (docs/security.md): HttpOnly, SameSite=Strict, Path=/, and Secure with the
 * `__Host-` prefix. Browsers refuse Secure cookies over plain http except on localhost, and the
 * `__Host-` prefix demands Secure; so on plain http to a loopback host (development, tests) the
 * cookies drop Secure and the prefix. Anywhere else they are always Secure: a plain-http
 * deployment on a real host fails closed (no session) instead of sending tokens in the clear.
 * `known` is the known-browser marker (R-LOGIN-6): which lock-out counter this browser's wrong
 * passwords take; set at each web sign-in for 400 days, and never by the kiosk.
 */
export type CookieName = 'session' | 'device' | 'known';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|::1|[a-z0-9-]+\.localhost)$/i;

export function isPlainLoopback(request: FastifyRequest): boolean {
  return request.protocol === 'http' && LOOPBACK.test(request.hostname);
}

export function cookieName(request: FastifyRequest, name: CookieName): string {
  return isPlainLoopback(request) ? `mypage_${name}` : `__Host-mypage_${name}`;
}

function options(request: FastifyRequest, maxAgeSeconds: number | undefined): CookieSerializeOptions {
  const secure = !isPlainLoopback(request);
  return { httpOnly: true, secure, sameSite: 'strict', path: '/', ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}) };
}

export function readCookie(request: FastifyRequest, name: CookieName): string | undefined {
  const v = request.cookies[cookieName(request, name)];
  return v && v.length <= 200 ? v : undefined;
}

export function setCookie(request: FastifyRequest, reply: FastifyReply, name: CookieName, value: string, maxAgeSeconds?: number): void {
  reply.setCookie(cookieName(request, name), value, options(request, maxAgeSeconds));
}

export function clearCookie(request: FastifyRequest, reply: FastifyReply, name: CookieName): void {
  reply.clearCookie(cookieName(request, name), options(request, undefined));
}
