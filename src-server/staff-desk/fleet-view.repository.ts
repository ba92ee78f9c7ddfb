import type { Executor } from '../db/schema.js';

/** The details of every `kiosk.attestation_failed` event since `since` (each names its terminalId). */
export function attestationFailureDetails(db: Executor, since: number) {
  return db
    .selectFrom('audit_events')
    .select('detail')
    .where('type', '=', 'kiosk.attestation_failed')
    .where('at', '>=', since)
    .execute();
}

/** Office names, sorted; `officeId` narrows to one. The stand-in's office (migration 0005) is nobody's. */
export async function officeNames(db: Executor, officeId: string | null): Promise<string[]> {
  let q = db.selectFrom('offices').select('name').where('id', '!=', 'stand-in').orderBy('name');
  if (officeId !== null) q = q.where('id', '=', officeId);
  return (await q.execute()).map((r) => r.name);
}
