import type { Kysely, Transaction } from 'kysely';
import type { AccountsTable, MailedKeysTable, OfficesTable } from '../accounts/accounts.table.js';
import type { AuditEventsTable } from '../audit/audit.table.js';
import type { SessionsTable } from '../auth/sessions.table.js';
import type { BudgetEventsTable, BudgetHoldsTable } from '../budgets/budgets.table.js';
import type { DeviceTrustsTable } from '../device-trust/device-trust.table.js';
import type { JobPostingsTable, MessagesTable } from '../home/home.table.js';
import type { KnownBrowsersTable, LoginChallengesTable, LoginFailuresTable } from '../login/login.table.js';
import type { ServiceSettingsTable } from '../kiosk/service-settings.table.js';
import type { OutboxTable } from '../mail/outbox.table.js';
import type {
  StaffChallengesTable,
  StaffMembersTable,
  StaffPasskeysTable,
  StaffRegistrationCodesTable,
  StaffSecretsTable,
  StaffSessionsTable,
} from '../staff/staff.table.js';
import type {
  AttestationSourceFailuresTable,
  EnrollmentCodesTable,
  KioskDiagnosticsTable,
  KioskNoncesTable,
  KioskTerminalsTable,
  TerminalFailuresTable,
} from './tables/kiosk.table.js';

/** Every table, as Kysely sees it. A new table: its row type in `<feature>/<x>.table.ts`, a line here, a migration. */
export interface Database {
  offices: OfficesTable;
  accounts: AccountsTable;
  mailed_keys: MailedKeysTable;
  login_failures: LoginFailuresTable;
  login_challenges: LoginChallengesTable;
  known_browsers: KnownBrowsersTable;
  sessions: SessionsTable;
  device_trusts: DeviceTrustsTable;
  messages: MessagesTable;
  job_postings: JobPostingsTable;
  kiosk_terminals: KioskTerminalsTable;
  enrollment_codes: EnrollmentCodesTable;
  kiosk_nonces: KioskNoncesTable;
  terminal_failures: TerminalFailuresTable;
  attestation_source_failures: AttestationSourceFailuresTable;
  kiosk_diagnostics: KioskDiagnosticsTable;
  outbox: OutboxTable;
  audit_events: AuditEventsTable;
  budget_holds: BudgetHoldsTable;
  budget_events: BudgetEventsTable;
  staff_members: StaffMembersTable;
  staff_passkeys: StaffPasskeysTable;
  staff_registration_codes: StaffRegistrationCodesTable;
  staff_sessions: StaffSessionsTable;
  staff_challenges: StaffChallengesTable;
  staff_secrets: StaffSecretsTable;
  service_settings: ServiceSettingsTable;
}

export type Db = Kysely<Database>;
/** Repositories take either the database or a transaction as their first argument. */
export type Executor = Kysely<Database> | Transaction<Database>;
