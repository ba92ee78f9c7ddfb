import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isLoopbackHost, type Config } from '../config.js';

/**
 * Cookie choices (docs/security.md): HttpOnly, SameSite=Strict, Path=/, and Secure with the
 * `__Host-` prefix. Whether they are Secure is decided from configuration once, never from a
 * header of the request (a proxy's `Host: 127.0.0.1` made them insecure on an https site):
 * - PUBLIC_ORIGIN set: Secure + `__Host-` unless it is itself plain http on a loopback host;
 * - no PUBLIC_ORIGIN: plain `mypage_*` cookies only when the service listens on a loopback
 *   address with no proxy trusted (development, tests: browsers refuse Secure cookies over
 *   http except on localhost, and `__Host-` demands Secure); otherwise always Secure, so a
 *   plain-http deployment on a real host fails closed (no session) instead of sending tokens in
 *   the clear.
 * `known` is the known-browser marker (R-LOGIN-6): which lock-out counter this browser's wrong
 * passwords take; set at each web sign-in for 400 days, and never by the kiosk.
 */
export type CookieName = 'session' | 'device' | 'known';

export interface CookiePolicy {
  secure: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    cookiePolicy: CookiePolicy;
  }
}

export function cookiePolicy(config: Pick<Config, 'publicOrigin' | 'host' | 'trustProxy'>): CookiePolicy {
  if (config.publicOrigin) {
    const u = new URL(config.publicOrigin);
    return { secure: !(u.protocol === 'http:' && isLoopbackHost(u.hostname)) };
  }
  return { secure: !(isLoopbackHost(config.host) && config.trustProxy === false) };
}

export function installCookiePolicy(
  app: FastifyInstance,
  config: Pick<Config, 'publicOrigin' | 'host' | 'trustProxy'>,
): void {
  app.decorate('cookiePolicy', cookiePolicy(config));
}

const secure = (request: FastifyRequest) => request.server.cookiePolicy.secure;

/** A cookie's name: `__Host-mypage_<name>` when Secure, else `mypage_<name>` (also the OpenAPI document's). */
export function cookieNameFor(secure: boolean, name: CookieName): string {
  return secure ? `__Host-mypage_${name}` : `mypage_${name}`;
}

export function cookieName(request: FastifyRequest, name: CookieName): string {
  return cookieNameFor(secure(request), name);
}

function options(request: FastifyRequest, maxAgeSeconds: number | undefined): CookieSerializeOptions {
  return {
    httpOnly: true,
    secure: secure(request),
    sameSite: 'strict',
    path: '/',
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

export function readCookie(request: FastifyRequest, name: CookieName): string | undefined {
  const v = request.cookies[cookieName(request, name)];
  return v && v.length <= 200 ? v : undefined;
}

export function setCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  name: CookieName,
  value: string,
  maxAgeSeconds?: number,
): void {
  reply.setCookie(cookieName(request, name), value, options(request, maxAgeSeconds));
}

export function clearCookie(request: FastifyRequest, reply: FastifyReply, name: CookieName): void {
  reply.clearCookie(cookieName(request, name), options(request, undefined));
}
