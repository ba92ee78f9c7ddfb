import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { LoggerOptions } from 'pino';

/**
 * Pino redaction: codes never reach a log (API.md, "Mail"). Fastify logs no bodies by default;
 * these paths also cover headers that carry tokens, and any object a handler logs by mistake.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.newPasswordConfirm',
  '*.otp',
  '*.key',
  '*.code',
  '*.token',
  '*.challenge',
  '*.nonce',
  '*.signature',
  '*.body',
];

/** The service's pino options (service.ts makes its one logger from them). */
export function loggerOptions(level: string): LoggerOptions & { redact: { paths: string[]; censor: string } } {
  return { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
}

/**
 * One access-log line per request, when it completes (Fastify's default is two: "incoming
 * request" and "request completed"). Logging was an eighth of a cheap request's CPU
 * (docs/performance.md); the first line said nothing the second does not. The path is logged
 * without its query string: no endpoint takes secrets there, and none shall reach a log.
 */
export class OneLineRequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      path: request.url.split('?', 1)[0],
      status: reply.statusCode,
      ip: request.ip,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request');
  }
}
