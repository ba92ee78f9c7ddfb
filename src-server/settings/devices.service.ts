import type { TrustedDevice } from '../../src-shared/api/schemas.js';
import type { AppDeps } from '../app-deps.js';
import { recordAudit } from '../audit/audit.repository.js';
import { sha256 } from '../crypto/tokens.js';
import { listDeviceTrusts, revokeDeviceTrust } from '../device-trust/device-trust.repository.js';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** R-OTP-5: the account's live "skip the OTP" browsers; `current` marks the one whose cookie came along. */
export async function listDevices(
  deps: Deps,
  accountId: string,
  deviceCookie: string | undefined,
): Promise<TrustedDevice[]> {
  const mine = deviceCookie ? sha256(deviceCookie) : undefined;
  const rows = await listDeviceTrusts(deps.db, accountId, deps.clock.now().getTime());
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    createdAt: new Date(r.created_at).toISOString(),
    expiresAt: new Date(r.expires_at).toISOString(),
    current: r.token_hash === mine,
  }));
}

/**
 * R-OTP-5: revokes one of the account's own trusts. Another account's id changes nothing and
 * reads exactly like an unknown id (false → 404), so ids tell nothing about other accounts.
 */
export async function revokeDevice(
  deps: Deps,
  input: { accountId: string; deviceId: string; ip: string },
): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => {
    const revoked = await revokeDeviceTrust(trx, input.accountId, input.deviceId, deps.clock.now().getTime());
    if (revoked)
      await recordAudit(trx, deps.clock, { type: 'device_trust.revoked', accountId: input.accountId, ip: input.ip });
    return revoked;
  });
}
