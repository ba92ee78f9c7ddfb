import type { FastifyLoggerOptions } from 'fastify';

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

export function loggerOptions(level: string): FastifyLoggerOptions & { redact: { paths: string[]; censor: string } } {
  return { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
}
