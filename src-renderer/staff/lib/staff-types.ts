/**
 * The shapes of the staff API as the console uses them (the brief's contract; the zod schemas are
 * in src-shared/staff-api/, which the console does not import at run time: no zod in the bundle).
 */
import type { StaffProfile, StepUpBinding } from '../../../src-shared/staff-api/auth.js';
import type { AuditDetail, EmployerState } from '../../lib/i18n/staff/staff-i18n.svelte.js';

export type StaffRole = StaffProfile['role'];
export type StaffMe = StaffProfile;
/** WebAuthn options and responses travel as the JSON @simplewebauthn makes and reads. */
export type PasskeyJSON = Record<string, unknown>;

export type EmployerRow = {
  ref: string;
  company: string;
  office: string;
  state: EmployerState;
  withdrawnDays: number | null;
};
export type KioskState = 'ok' | 'unresponsive' | 'revoked';
export type KioskRow = {
  id: string;
  office: string;
  label: string;
  version: string | null;
  enrolledAt: string;
  lastHeartbeatAt: string | null;
  lastPaintAt: string | null;
  attestationFailures24h: number;
  state: KioskState;
  /** Another live terminal has the same machine-ID hash (a disk image cloned before sysprep). */
  duplicateMachineId?: boolean;
};
/** 端末一覧's page: the service sorted and filtered it; `all` counts every terminal. */
export type KiosksPage = {
  kiosks: KioskRow[];
  total: number;
  all: number;
  nextOffset: number | null;
  offices: string[];
  /** Attempts no terminal's key signed, per source address (issue 20): never a terminal's failures. */
  unverifiedAttempts: { total: number; sources: Array<{ source: string; failures: number }> };
};
export type HistoryEvent = { at: string; type: string };
export type AuditEvent = {
  at: string;
  type: string;
  staffId: string | null;
  staffName: string | null;
  detail: AuditDetail;
};

/** Every call of the console: its input (path params, query, body) and what a success carries. */
export type StaffCallTypes = {
  me: { in: undefined; out: { staff: StaffMe } };
  logout: { in: undefined; out: void };
  loginOptions: { in: { body: { staffId: string } }; out: { options: PasskeyJSON } };
  loginVerify: { in: { body: { staffId: string; response: PasskeyJSON } }; out: { staff: StaffMe } };
  registrationOptions: { in: { body: { staffId: string; code: string } }; out: { options: PasskeyJSON } };
  registrationVerify: { in: { body: { staffId: string; code: string; response: PasskeyJSON } }; out: void };
  stepUpOptions: { in: { body: StepUpBinding }; out: { options: PasskeyJSON } };
  employerSearch: {
    in: { query: { q: string; after?: string | undefined } };
    out: { employers: EmployerRow[]; nextAfter: string | null };
  };
  employerRevealId: {
    in: { params: { ref: string }; body: { documentKind: string; note: string; stepUp: PasskeyJSON } };
    out: { loginId: string };
  };
  employerUnlock: { in: { params: { ref: string } }; out: void };
  employerReinstate: { in: { params: { ref: string }; body: { stepUp: PasskeyJSON } }; out: { mailed: boolean } };
  employerHistory: { in: { params: { ref: string } }; out: { events: HistoryEvent[] } };
  kiosks: {
    in: {
      query: { sort: string; direction: string; office?: string | undefined; offset: string; limit: string };
    };
    out: KiosksPage;
  };
  kioskRevoke: { in: { params: { id: string }; body: { stepUp: PasskeyJSON } }; out: void };
  enrollmentCodes: {
    in: { body: { office: string; label: string; stepUp: PasskeyJSON } };
    out: { code: string; expiresAt: string };
  };
  audit: {
    in: {
      query: { kind?: string | undefined; staffId?: string | undefined; before?: string | undefined; limit?: string };
    };
    out: { events: AuditEvent[]; nextBefore: string | null };
  };
  offices: { in: undefined; out: { offices: string[] } };
};
export type StaffCallName = keyof StaffCallTypes;
