import {
  R_KIOSK_4_SESSION_ABSOLUTE_MS,
  R_KIOSK_4_SESSION_IDLE_MS,
  SESSION_TOUCH_INTERVAL_MS,
  WEB_SESSION_ABSOLUTE_MS,
  WEB_SESSION_IDLE_MS,
} from '../../src-shared/rules.js';
import type { Clock } from '../clock.js';
import { randomId, randomToken, sha256 } from '../crypto/tokens.js';
import type { Executor } from '../db/schema.js';
import {
  findSessionByTokenHash,
  insertSession,
  revokeSessionByTokenHash,
  revokeSessionsOfAccount,
  touchSession,
} from './sessions.repository.js';
import type { SessionKind } from './sessions.table.js';

/** What a signed-in request knows about its session (`request.session`). */
export interface AuthSession {
  id: string;
  accountId: string;
  kind: SessionKind;
  terminalId: string | null;
  /** When it ends unless used again (its last use + the idle limit), and its absolute end (epoch ms). */
  idleEndsAt: number;
  endsAt: number;
}

const LIMITS: Record<SessionKind, { idle: number; absolute: number }> = {
  web: { idle: WEB_SESSION_IDLE_MS, absolute: WEB_SESSION_ABSOLUTE_MS },
  kiosk: { idle: R_KIOSK_4_SESSION_IDLE_MS, absolute: R_KIOSK_4_SESSION_ABSOLUTE_MS },
};

/** A new opaque token at every login; only its SHA-256 is stored. */
export async function createSession(
  db: Executor,
  clock: Clock,
  input: { accountId: string; kind: SessionKind; terminalId?: string | null },
): Promise<{ token: string; id: string; expiresAt: Date; maxAgeSeconds: number }> {
  const now = clock.now().getTime();
  const token = randomToken();
  const id = randomId();
  const expires = now + LIMITS[input.kind].absolute;
  await insertSession(db, {
    id,
    token_hash: sha256(token),
    account_id: input.accountId,
    kind: input.kind,
    terminal_id: input.terminalId ?? null,
    created_at: now,
    last_seen_at: now,
    expires_at: expires,
    revoked_at: null,
  });
  return { token, id, expiresAt: new Date(expires), maxAgeSeconds: Math.floor(LIMITS[input.kind].absolute / 1000) };
}

/**
 * The live session of a token (not revoked, not idle too long, not past its absolute end). A use
 * (`use`, the default) touches it when its last use is older than SESSION_TOUCH_INTERVAL_MS; a
 * read of its state (`use: false`) leaves it as it was, so asking when it ends never extends it.
 */
export async function resumeSession(
  db: Executor,
  clock: Clock,
  token: string,
  kind: SessionKind,
  { use = true } = {},
): Promise<AuthSession | null> {
  const row = await findSessionByTokenHash(db, sha256(token));
  const now = clock.now().getTime();
  if (!row || row.kind !== kind || row.revoked_at !== null) return null;
  const idle = LIMITS[row.kind].idle;
  if (now >= row.expires_at || now >= row.last_seen_at + idle) return null;
  const touched = use && now - row.last_seen_at >= SESSION_TOUCH_INTERVAL_MS;
  if (touched) await touchSession(db, row.id, now);
  const lastUse = touched ? now : row.last_seen_at;
  return {
    id: row.id,
    accountId: row.account_id,
    kind: row.kind,
    terminalId: row.terminal_id,
    idleEndsAt: Math.min(lastUse + idle, row.expires_at),
    endsAt: row.expires_at,
  };
}

/** 「延長する」: the session's last use is now, so its idle time starts again (its absolute end stays). */
export function extendSession(db: Executor, clock: Clock, session: AuthSession): Promise<void> {
  return touchSession(db, session.id, clock.now().getTime());
}

/** Ends every session of an account (withdrawal, password reset); the recovery/settings features call it. */
export function revokeAllSessions(
  db: Executor,
  clock: Clock,
  accountId: string,
  exceptSessionId?: string,
): Promise<number> {
  return revokeSessionsOfAccount(db, accountId, clock.now().getTime(), exceptSessionId);
}

/** Ends the session a token names (of `kind`, when given), if it is live; the ended row, or undefined. */
export function endSessionByToken(db: Executor, clock: Clock, token: string, kind?: SessionKind) {
  return revokeSessionByTokenHash(db, sha256(token), clock.now().getTime(), kind);
}
