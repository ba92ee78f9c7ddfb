/**
 * The staff API's shapes as the console uses them, derived from the staff table
 * (src-shared/staff-api/endpoints.ts) and its zod schemas through `import type` only: no zod in
 * the console's bundle, and no type written twice.
 */
import type { z } from 'zod';
import type { InputOf, OutputOf } from '../../../src-shared/endpoint-table.js';
import type {
  AuditEntry,
  EmployerSummary,
  KioskSummary,
  KiosksResponse,
} from '../../../src-shared/staff-api/actions.js';
import type {
  AuthenticationResponse,
  RegistrationResponse,
  StaffProfile,
  WebAuthnOptionsResponse,
} from '../../../src-shared/staff-api/auth.js';
import type { StaffEndpointName, StaffEndpoints } from '../../../src-shared/staff-api/endpoints.js';

export type StaffRole = StaffProfile['role'];
export type StaffMe = StaffProfile;
/** WebAuthn options and responses travel as the JSON @simplewebauthn makes and reads. */
export type PasskeyOptions = z.output<typeof WebAuthnOptionsResponse>['options'];
export type PasskeyAssertion = z.input<typeof AuthenticationResponse>;
export type PasskeyRegistration = z.input<typeof RegistrationResponse>;

export type EmployerRow = EmployerSummary;
export type KioskRow = KioskSummary;
export type KioskState = KioskRow['state'];
/** 端末一覧's page: the service sorted and filtered it; `all` counts every terminal. */
export type KiosksPage = KiosksResponse;
export type HistoryEvent = StaffCallTypes['employerHistory']['out']['events'][number];
export type AuditEvent = AuditEntry;
/** R-DIAG-1: 診断情報 of a terminal, and one bundle of it. */
export type KioskDiagnostics = StaffCallTypes['kioskDiagnostics']['out'];
export type DiagnosticsEntry = KioskDiagnostics['bundles'][number];

/** Every call of the console: its input (path params, query, body) and what a success carries. */
export type StaffCallTypes = {
  [K in StaffEndpointName]: { in: InputOf<StaffEndpoints[K]>; out: OutputOf<StaffEndpoints[K]> };
};
export type StaffCallName = StaffEndpointName;
