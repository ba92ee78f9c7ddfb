import { STAFF_PASSKEYS_MAX } from '../../src-shared/staff-api/auth.js';
import { hmacSha256 } from '../crypto/tokens.js';
import type { Executor } from '../db/schema.js';
import { recentCredentialIds, staffSecret, type StaffPasskeyRow } from './staff.repository.js';

/** Decoy credential IDs are sized like the stored passkeys' (32 bytes before any); bounds of WebAuthn's credential ID. */
const DECOY_DEFAULT_BYTES = 32;
const decodedLength = (id: string) => Math.min(1023, Math.max(16, Buffer.from(id, 'base64url').length));

/** The `slot`-th decoy of `staffId`: the same every time, `size` bytes drawn from an HMAC of the ID. */
function decoyId(key: string, staffId: string, slot: number, size: number): string {
  let bytes = Buffer.alloc(0);
  for (let block = 0; bytes.length < size; block++)
    bytes = Buffer.concat([bytes, Buffer.from(hmacSha256(key, `${slot}|${block}|${staffId}`), 'hex')]);
  return bytes.subarray(0, size).toString('base64url');
}

/**
 * The credentials to offer: ALWAYS `STAFF_PASSKEYS_MAX` entries, whoever asks — the staff
 * member's passkeys (the most recently used first, at most that many) and decoys up to the count,
 * in an order drawn from the ID (so the real ones do not sit first). A decoy is the same every
 * time for that ID and slot, and the size of a passkey registered here (picked by the ID among the
 * newest), so neither the count, the sizes nor repeated asking tell whether a staff ID exists or
 * how many passkeys it has (docs/security.md, "Staff sign-in options"). No transports for anyone:
 * a real passkey's transports would differ from any constant a decoy could carry (the browser then
 * tries every transport, which is what it does for a passkey anyway).
 */
export async function allowCredentialsFor(
  db: Executor,
  staffId: string,
  passkeys: StaffPasskeyRow[],
): Promise<Array<{ id: string }>> {
  const key = await staffSecret(db, 'decoy_credentials');
  const recent = await recentCredentialIds(db, 32);
  const real = [...passkeys]
    .sort((a, b) => Number(b.last_used_at ?? b.created_at) - Number(a.last_used_at ?? a.created_at))
    .slice(0, STAFF_PASSKEYS_MAX)
    .map((p) => p.credential_id);
  const decoys = Array.from({ length: STAFF_PASSKEYS_MAX - real.length }, (_, i) => {
    const slot = real.length + i;
    const pick = parseInt(hmacSha256(key, `size|${slot}|${staffId}`).slice(0, 8), 16);
    const size = recent.length ? decodedLength(recent[pick % recent.length] ?? '') : DECOY_DEFAULT_BYTES;
    return decoyId(key, staffId, slot, size);
  });
  const rank = (id: string) => hmacSha256(key, `order|${staffId}|${id}`);
  return [...real, ...decoys].sort((a, b) => (rank(a) < rank(b) ? -1 : 1)).map((id) => ({ id }));
}
