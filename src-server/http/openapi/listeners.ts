import type { z } from 'zod';
import type { ErrorCode } from '../../../src-shared/api/errors.js';
import { api } from '../../../src-shared/api/routes.js';
import { staffApi } from '../../../src-shared/staff-api/routes.js';
import { cookieNameFor } from '../../auth/cookies.js';
import { staffCookieName } from '../../staff/staff-cookies.js';

/** An entry of an endpoints table with its schemas built (src-shared/endpoint-table.ts), as the document reads it. */
export type DocumentedEntry = {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  status: number;
  /** A second success without a body (src-shared/endpoint-table.ts). */
  emptyStatus?: number;
  access?: string;
  rateLimit?: string;
  role?: string;
  stepUp?: unknown;
  about?: string;
  /** The error codes of the endpoint's own outcomes; those of its guards, limits and schemas are derived. */
  errors?: readonly ErrorCode[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
};

export type SecurityRequirement = Record<string, string[]>;

/**
 * What one listener serves and how it guards it: its table, its security schemes, and what each
 * guard answers. The document of a listener is derived from this and nothing else.
 */
export type Listener = {
  title: string;
  description: string;
  table: Record<string, DocumentedEntry>;
  securitySchemes: Record<string, Record<string, string>>;
  /** Per `access` of an entry: who may call it (security) and what the guard answers otherwise. */
  guards: Record<string, { security: SecurityRequirement[]; errors: ErrorCode[] }>;
  /** What an entry with a `role` answers a member of the other role; with a `stepUp`, a missing or spent one. */
  role: ErrorCode[];
  stepUp: ErrorCode[];
  /** What every state change (any method but GET) may answer: the listener's Origin check. */
  stateChange: ErrorCode[];
};

const NOT_SET = 'anonymous';

/** The employer listener (PORT): the v1 table of src-shared/endpoints.ts. `secure`: its cookies are `__Host-`. */
export function employerListener(secure: boolean): Listener {
  return {
    title: 'Hello Work employer My Page',
    description:
      'The employer API (docs/spec/API.md and docs/api-additions.md), generated from src-shared/endpoints.ts. ' +
      'Error answers carry the `Error` body; its `message` is the Japanese text the screens show.',
    table: api,
    securitySchemes: {
      session: {
        type: 'apiKey',
        in: 'cookie',
        name: cookieNameFor(secure, 'session'),
        description: 'A web session (HttpOnly, SameSite=Strict), set by a sign-in that completes in a browser.',
      },
      kioskToken: {
        type: 'http',
        scheme: 'bearer',
        description: 'A kiosk session: the `token` a sign-in from an enrolled kiosk answers.',
      },
    },
    guards: {
      [NOT_SET]: { security: [], errors: [] },
      session: { security: [{ session: [] }, { kioskToken: [] }], errors: ['unauthenticated'] },
    },
    role: [],
    stepUp: [],
    // Only a request that carries cookies is checked; one from another origin is refused.
    stateChange: ['forbidden_origin'],
  };
}

/** The staff listener (STAFF_PORT): the table of src-shared/staff-api/. `secure`: its cookies are `__Host-`. */
export function staffListener(secure: boolean): Listener {
  return {
    title: 'Hello Work staff console',
    description:
      'The staff API (issue 14), served only on the staff listener, generated from src-shared/staff-api/. ' +
      'Error answers carry the `Error` body; the console words each code.',
    table: staffApi,
    securitySchemes: {
      staffSession: {
        type: 'apiKey',
        in: 'cookie',
        name: staffCookieName(secure),
        description: 'A staff session (HttpOnly, SameSite=Strict), set by a passkey sign-in.',
      },
    },
    guards: {
      [NOT_SET]: { security: [], errors: [] },
      staff: { security: [{ staffSession: [] }], errors: ['staff_unauthenticated'] },
    },
    role: ['staff_forbidden'],
    stepUp: ['step_up_required'],
    stateChange: ['forbidden_origin'],
  };
}

export const listeners = { employer: employerListener, staff: staffListener } as const;
export type ListenerName = keyof typeof listeners;
