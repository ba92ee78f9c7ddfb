import type { Executor } from '../db/schema.js';

/** The console's 最低バージョン (R-FLEET-1). */
export const MINIMUM_VERSION_SETTING = 'kiosk_minimum_version';

/** A console setting's value, or undefined when IT has set none. */
export async function readSetting(db: Executor, name: string): Promise<string | undefined> {
  const row = await db.selectFrom('service_settings').select('value').where('name', '=', name).executeTakeFirst();
  return row?.value;
}

/** Sets (one upsert) or, with null, clears a console setting. */
export async function writeSetting(db: Executor, name: string, value: string | null, now: number): Promise<void> {
  if (value === null) {
    await db.deleteFrom('service_settings').where('name', '=', name).execute();
    return;
  }
  await db
    .insertInto('service_settings')
    .values({ name, value, updated_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value, updated_at: now }))
    .execute();
}
