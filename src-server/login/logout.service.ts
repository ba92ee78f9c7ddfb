import type { AppDeps } from '../app-deps.js';
import { recordAudit } from '../audit/audit.repository.js';
import { endSessionByToken } from '../auth/sessions.service.js';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** Logout: ends the presented session, live or not, and audits it when there was one to end. */
export async function logout(deps: Deps, input: { token: string; ip: string }): Promise<void> {
  const ended = await endSessionByToken(deps.db, deps.clock, input.token);
  if (ended)
    await recordAudit(deps.db, deps.clock, {
      type: 'session.logout',
      accountId: ended.account_id,
      ip: input.ip,
      detail: { kind: ended.kind },
    });
}

/** A browser that signs in again leaves no live session behind under its old cookie. */
export async function endPreviousWebSession(deps: Deps, oldToken: string | undefined): Promise<void> {
  if (oldToken) await endSessionByToken(deps.db, deps.clock, oldToken, 'web');
}
