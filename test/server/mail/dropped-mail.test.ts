import { afterAll, beforeAll, expect, it } from 'vitest';
import { enqueueMail, enqueueMailOrDrop, latestMail } from '../../../src-server/mail/mail.service.js';
import { lockedMail } from '../../../src-server/mail/mail-templates.js';
import { outboxStats } from '../../../src-server/mail/outbox.repository.js';
import { describeEachDatabase } from '../../support/databases.js';
import { startTestService, type TestService } from '../../support/service-harness.js';

/**
 * A decoy's lock mail (R-LOGIN-7 for an unknown ID) is written through the same INSERT as a
 * real one, but it never goes to anyone: operators must not see it as sent mail in /metrics, and
 * the dev mailbox must not list it as a blank message.
 */
describeEachDatabase('dropped mail of the decoy', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  it("R-LOGIN-7: a decoy's dropped lock mail is not counted as sent and is not listed in the dev mailbox", async () => {
    const before = await outboxStats(svc.db);
    await enqueueMailOrDrop(svc.db, svc.clock, null, lockedMail());
    const after = await outboxStats(svc.db);
    expect(after.sent).toBe(before.sent); // the dropped row went nowhere
    expect(after.unsent).toBe(before.unsent); // and nothing waits for the sender
    await enqueueMail(svc.db, svc.clock, 'owner@example.jp', lockedMail());
    const listed = await latestMail(svc.db, 50);
    expect(listed.map((m) => m.to_address)).not.toContain('');
    expect(listed.map((m) => m.to_address)).toContain('owner@example.jp');
  });
});
