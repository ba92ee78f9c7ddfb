import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The staff session cookie: `mypage_staff`, or `__Host-mypage_staff` when Secure (decided once
 * from STAFF_PUBLIC_ORIGIN by the staff app's cookie policy, like the employer's). HttpOnly,
 * SameSite=Strict, Path=/. Its own name, so an employer's `mypage_session` (which a browser also
 * sends to another port of the same host) is never read as a staff session.
 */
export function staffCookieName(secure: boolean): string {
  return secure ? '__Host-mypage_staff' : 'mypage_staff';
}

function name(request: FastifyRequest): string {
  return staffCookieName(request.server.cookiePolicy.secure);
}

function options(request: FastifyRequest, maxAgeSeconds?: number) {
  return {
    httpOnly: true,
    secure: request.server.cookiePolicy.secure,
    sameSite: 'strict' as const,
    path: '/',
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

export function readStaffCookie(request: FastifyRequest): string | undefined {
  const v = request.cookies[name(request)];
  return v && v.length <= 200 ? v : undefined;
}

export function setStaffCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  maxAgeSeconds: number,
): void {
  reply.setCookie(name(request), token, options(request, maxAgeSeconds));
}

export function clearStaffCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(name(request), options(request));
}

/**
 * The known-browser marker (`mypage_staff_known`, `__Host-` when Secure): set by a sign-in, sent
 * back with the next ones so this browser's attempts count apart from a stranger's (sign-in-limits.ts).
 */
const KNOWN_MAX_AGE_SECONDS = 400 * 86_400;
function knownName(request: FastifyRequest): string {
  return request.server.cookiePolicy.secure ? '__Host-mypage_staff_known' : 'mypage_staff_known';
}

export function readKnownBrowserCookie(request: FastifyRequest): string | undefined {
  const v = request.cookies[knownName(request)];
  return v && v.length <= 200 ? v : undefined;
}

export function setKnownBrowserCookie(request: FastifyRequest, reply: FastifyReply, marker: string): void {
  reply.setCookie(knownName(request), marker, options(request, KNOWN_MAX_AGE_SECONDS));
}
