import { STATUS_CODES } from 'node:http';
import { errorStatus, errorText, type ErrorCode } from '../../../src-shared/api/errors.js';
import type { JsonSchema } from './json-schemas.js';
import type { DocumentedEntry, Listener } from './listeners.js';

/**
 * Every error code an endpoint can answer: its own (`errors` of its entry), and those that follow
 * from how it is served — its guard (`access`, `role`, `stepUp`), the per-IP limit (`rateLimit`),
 * its schemas (400 `invalid_request`), a state change's body parsing (400, 413, 415) and Origin
 * check, and what any request may meet (500 `internal_error`, 503 `service_unavailable` while the
 * database does not answer).
 */
export function errorCodesOf(listener: Listener, entry: DocumentedEntry): ErrorCode[] {
  const codes = new Set<ErrorCode>(listener.guards[entry.access ?? 'anonymous']?.errors ?? []);
  const add = (list: readonly ErrorCode[]) => list.forEach((c) => codes.add(c));
  if (entry.role) add(listener.role);
  if (entry.stepUp) add(listener.stepUp);
  if (entry.rateLimit) add(['rate_limited']);
  if (entry.params || entry.query || entry.body) add(['invalid_request']);
  if (entry.method !== 'GET') add(['invalid_request', 'payload_too_large', 'unsupported_media_type']);
  if (entry.method !== 'GET') add(listener.stateChange);
  add(entry.errors ?? []);
  add(['internal_error', 'service_unavailable']);
  return [...codes];
}

/** The code's line in an answer's description: the code and the English text of its message. */
const line = (code: ErrorCode) => `\`${code}\`: ${errorText[code].en}`;

/**
 * The responses of an operation: the success status with the response schema (none for 202 and
 * 204) and its `emptyStatus` (no body) if it has one, and one response per error status, each the `Error` body with the codes that status
 * carries for this endpoint. A path with parameters may also answer 414 `invalid_request` (a
 * parameter far beyond any valid length, refused by the router: http/path-params.ts).
 */
export function responsesOf(
  listener: Listener,
  entry: DocumentedEntry,
  responseRef: JsonSchema | undefined,
  errorRef: JsonSchema,
): Record<string, unknown> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(listener, entry)) {
    const status = errorStatus[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  if (entry.path.includes('/:')) byStatus.set(414, ['invalid_request']);
  const success = {
    description: STATUS_CODES[entry.status] ?? String(entry.status),
    ...(responseRef ? { content: { 'application/json': { schema: responseRef } } } : {}),
  };
  const errors = [...byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, codes]): [string, unknown] => [
      String(status),
      {
        description: `${STATUS_CODES[status] ?? status}. ${codes.map(line).join(' ')}`,
        content: {
          'application/json': {
            schema: { allOf: [errorRef, { type: 'object', properties: { error: { enum: codes } } }] },
          },
        },
      },
    ]);
  const empty = entry.emptyStatus
    ? { [String(entry.emptyStatus)]: { description: STATUS_CODES[entry.emptyStatus] } }
    : {};
  return { [String(entry.status)]: success, ...empty, ...Object.fromEntries(errors) };
}
