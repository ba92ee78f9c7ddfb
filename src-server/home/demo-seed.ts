import { findAccountByLoginId } from '../accounts/accounts.repository.js';
import { createEmployer } from '../accounts/accounts.service.js';
import type { Clock } from '../clock.js';
import { randomId } from '../crypto/tokens.js';
import type { Db } from '../db/schema.js';

/** The seed's example (求人者マイページホーム in the manual). */
export const DEMO = {
  id: 'demo@hellowork.example',
  password: 'Hello-Work2026',
  company: '株式会社 ハローワークア',
  office: '飯田橋公共職業安定所',
  newMessages: 100,
  /** 一般 3件 9名; 学生 0件 0名; 障害者 0件 0名 */
  generalPostings: [3, 3, 3],
} as const;

/** Creates the demo employer with its messages and postings. False when it exists already. */
export async function seedDemo(db: Db, clock: Clock): Promise<boolean> {
  if (await findAccountByLoginId(db, DEMO.id)) return false;
  const { accountId } = await createEmployer(db, clock, {
    id: DEMO.id,
    password: DEMO.password,
    company: DEMO.company,
    office: DEMO.office,
  });
  const now = clock.now().getTime();
  await db.transaction().execute(async (trx) => {
    const messages = Array.from({ length: DEMO.newMessages }, (_, i) => ({
      id: randomId(),
      account_id: accountId,
      subject: `お知らせ ${i + 1}`,
      body: 'ハローワークからのお知らせです。',
      created_at: now - i * 60_000,
      read_at: null,
    }));
    await trx.insertInto('messages').values(messages).execute();
    await trx
      .insertInto('job_postings')
      .values(
        DEMO.generalPostings.map((hires, i) => ({
          id: randomId(),
          account_id: accountId,
          category: 'general' as const,
          title: `一般求人 ${i + 1}`,
          hires,
          created_at: now,
        })),
      )
      .execute();
  });
  return true;
}
