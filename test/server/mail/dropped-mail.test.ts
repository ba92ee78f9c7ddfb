import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { enqueueMail, enqueueMailOrDrop, latestMail } from '../../../src-server/mail/mail.service.js';
import { lockedMail } from '../../../src-server/mail/mail-templates.js';
import { outboxStats } from '../../../src-server/mail/outbox.repository.js';
import { describeEachDatabase } from '../../support/databases.js';
import { startTestService, type TestService } from '../../support/service-harness.js';

/**
 * A stand-in's lock mail (R-LOGIN-7 for an unknown ID) is written through the same INSERT as a
 * real one, and the sender takes it like a real one (the same claim, the same MIME build, the
 * same mark), but it never goes to anyone: what follows the answer must not tell a known ID from
 * an unknown one (docs/security.md). Operators must not see it as mail in /metrics, and the dev
 * mailbox must not list it as a blank message.
 */
describeEachDatabase('dropped mail of the stand-in', (database) => {
  let svc: TestService;
  let devMailbox: TestService;
  beforeAll(async () => {
    [svc, devMailbox] = await Promise.all([
      startTestService({ database }),
      startTestService({ database, smtp: false }),
    ]);
  });
  afterAll(() => Promise.all([svc.close(), devMailbox.close()]));

  const row = (s: TestService, id: string) =>
    s.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it("R-LOGIN-7: a stand-in's dropped lock mail is not counted as sent and is not listed in the dev mailbox", async () => {
    const before = await outboxStats(svc.db);
    await enqueueMailOrDrop(svc.db, svc.clock, null, lockedMail());
    const after = await outboxStats(svc.db);
    expect(after.sent).toBe(before.sent); // the dropped row goes nowhere
    expect(after.unsent).toBe(before.unsent); // and no mail waits for anyone
    await enqueueMail(svc.db, svc.clock, 'owner@example.jp', lockedMail());
    const listed = await latestMail(svc.db, 50);
    expect(listed.map((m) => m.to_address)).not.toContain('');
    expect(listed.map((m) => m.to_address)).toContain('owner@example.jp');
  });

  it('R-LOGIN-7: the sender completes a dropped mail as it delivers a real one, and sends it to no one', async () => {
    const dropped = await enqueueMailOrDrop(svc.db, svc.clock, null, lockedMail());
    await enqueueMail(svc.db, svc.clock, 'owner-2@example.jp', lockedMail());
    await svc.mail.waitFor({ to: 'owner-2@example.jp' }); // returns once nothing is left unsent
    expect(await row(svc, dropped)).toMatchObject({ body: '', attempts: 1, claimed_until: null });
    expect((await row(svc, dropped)).sent_at).not.toBeNull();
    const recipients = svc.mail.messages().map((m) => m.to);
    expect(recipients.filter((to) => to === '' || to.includes('invalid'))).toEqual([]);
    expect((await outboxStats(svc.db)).sent).toBe(recipients.length);
  });

  it('R-LOGIN-7: without SMTP the dropped mail is completed and the real one stays for the dev mailbox', async () => {
    const dropped = await enqueueMailOrDrop(devMailbox.db, devMailbox.clock, null, lockedMail());
    const real = await enqueueMail(devMailbox.db, devMailbox.clock, 'owner-3@example.jp', lockedMail());
    await vi.waitFor(async () => expect((await row(devMailbox, dropped)).sent_at).not.toBeNull(), { timeout: 10_000 });
    expect(await row(devMailbox, real)).toMatchObject({ sent_at: null, attempts: 0 });
    expect((await row(devMailbox, real)).body).toContain('\n');
    expect((await latestMail(devMailbox.db, 10)).map((m) => m.to_address)).toEqual(['owner-3@example.jp']);
  });
});
