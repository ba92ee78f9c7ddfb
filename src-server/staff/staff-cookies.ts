import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The staff session cookie: `mypage_staff`, or `__Host-mypage_staff` when Secure (decided once
 * from STAFF_PUBLIC_ORIGIN by the staff app's cookie policy, like the employer's). HttpOnly,
 * SameSite=Strict, Path=/. Its own name, so an employer's `mypage_session` (which a browser also
 * sends to another port of the same host) is never read as a staff session.
 */
function name(request: FastifyRequest): string {
  return request.server.cookiePolicy.secure ? '__Host-mypage_staff' : 'mypage_staff';
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
