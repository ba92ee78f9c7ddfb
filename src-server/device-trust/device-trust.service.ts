import { R_OTP_3_DEVICE_TRUST_MS } from '../../src-shared/rules.js';
import type { Clock } from '../clock.js';
import { randomId, randomToken, sha256 } from '../crypto/tokens.js';
import type { Executor } from '../db/schema.js';
import { insertDeviceTrust, useDeviceTrust } from './device-trust.repository.js';

/** R-OTP-3: remembers this browser for this account for 90 days; returns the cookie's token. */
export async function trustDevice(
  trx: Executor,
  clock: Clock,
  accountId: string,
  label: string,
): Promise<{ token: string; maxAgeSeconds: number }> {
  const now = clock.now().getTime();
  const token = randomToken();
  await insertDeviceTrust(trx, {
    id: randomId(),
    account_id: accountId,
    token_hash: sha256(token),
    label: label.slice(0, 100),
    created_at: now,
    expires_at: now + R_OTP_3_DEVICE_TRUST_MS,
    last_used_at: null,
    revoked_at: null,
  });
  return { token, maxAgeSeconds: Math.floor(R_OTP_3_DEVICE_TRUST_MS / 1000) };
}

/** R-OTP-4: the cookie skips the OTP only for its own account, before 90 days, unless revoked. */
export function deviceIsTrusted(db: Executor, clock: Clock, token: string, accountId: string): Promise<boolean> {
  return useDeviceTrust(db, sha256(token), accountId, clock.now().getTime());
}

/** A name for the settings list, from the User-Agent (no fingerprinting; just what a person recognises). */
export function deviceLabel(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : 'ブラウザ';
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Android/.test(ua)
      ? 'Android'
      : /iPhone|iPad/.test(ua)
        ? 'iOS'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return os ? `${browser} (${os})` : browser;
}
