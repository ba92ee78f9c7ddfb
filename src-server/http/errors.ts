import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorStatus, errorText, type ErrorBody, type ErrorCode } from '../../src-shared/api/errors.js';
import { isDatabaseUnavailable } from '../db/faults.js';

/** What a 503 asks clients to wait: a dropped database connection is back within seconds. */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

type Extra = Omit<ErrorBody, 'error' | 'message'>;

/** The body of every error answer: the code, the screen's Japanese text, and any extra fields. */
export function errorBody(code: ErrorCode, extra: Extra = {}): ErrorBody {
  return { error: code, message: errorText[code].ja, ...extra };
}

/**
 * Sends an error answer at its code's one status (`errorStatus`, src-shared/api/errors.ts). Routes
 * call this; nothing else builds error bodies.
 */
export function sendError(reply: FastifyReply, code: ErrorCode, extra: Extra = {}): FastifyReply {
  return reply.code(errorStatus[code]).type('application/json; charset=utf-8').send(errorBody(code, extra));
}

/**
 * The framework's refusals whose status is no error code's (a path beyond any valid length: 414;
 * another 4xx Fastify raised): `invalid_request` at that status. Routes use `sendError`.
 */
export function sendUnroutable(reply: FastifyReply, status: number): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(errorBody('invalid_request'));
}

/** Thrown where a route cannot simply return (hooks, deep helpers); the error handler answers it. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly extra: Extra = {},
  ) {
    super(code);
  }
}

/** Fastify's own 4xx codes and what the screen should read for them. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_request',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_request',
  FST_ERR_VALIDATION: 'invalid_request',
};

/**
 * The one error handler: every failure becomes `{error, message}` with the Japanese text of
 * src-shared. 4xx say what was wrong with the request; 5xx say nothing of the cause (logged only).
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) return sendError(reply, err.code, err.extra);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = [
        ...new Set(err.validation.map((v) => v.instancePath.replace(/^\//, '').split('/')[0] ?? '').filter(Boolean)),
      ];
      return sendError(reply, 'invalid_request', fields.length ? { fields } : {});
    }
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (known) return sendError(reply, known);
    const status = err.statusCode ?? 500;
    if (status === 429) return sendError(reply, 'rate_limited');
    if (status === 404) return sendError(reply, 'not_found');
    if (status >= 400 && status < 500) return sendUnroutable(reply, status);
    if (isDatabaseUnavailable(err)) {
      // Not a bug: logged as a warning without the stack, once per request.
      request.log.warn({ err: { message: err.message, code: err.code } }, 'database unavailable; answered 503');
      return sendError(
        reply.header('retry-after', String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS)),
        'service_unavailable',
      );
    }
    request.log.error({ err }, 'request failed');
    return sendError(reply, 'internal_error');
  });
}
