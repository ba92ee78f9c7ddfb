import { afterAll, beforeAll, expect, it } from 'vitest';
import { api } from '../../../src-shared/api/routes.js';
import { R_PW_7_KNOWN_BROWSER_MAX_MAILS, R_PW_7_MAX_MAILS } from '../../../src-shared/rules.js';
import { RESET_KEY_SUBJECT } from '../../../src-server/recovery/recovery-mails.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient, type TestClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { resetWithMailedKey } from '../../support/sign-in.js';
import { countMails } from '../../support/test-mailbox.js';

/**
 * R-PW-7's bound cannot be spent against the owner: a reset request from a browser that signed in
 * to the account before (R-LOGIN-6's marker) spends a budget of its own, so a stranger who spent
 * the public one (per typed ID) does not silence the owner's own recovery.
 */
describeEachDatabase('the owner’s reset budget', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  /** Reset mails to `to` that are to go out (queued or sent). */
  const resetMails = (to: string) => countMails(svc.db, to, RESET_KEY_SUBJECT);
  const ask = async (client: TestClient, id: string) => {
    const r = await client.post(api.passwordReset.path, { id });
    return { status: r.status, body: r.body, length: r.headers.get('content-length') };
  };
  async function strangerSpends(id: string): Promise<void> {
    for (let i = 0; i < R_PW_7_MAX_MAILS + 1; i++) await ask(createClient(svc.url), id);
  }

  it('R-PW-7: a stranger who spent the public reset budget does not refuse the owner’s known browser; that budget is finite too', async () => {
    const owner = await svc.employer();
    const browser = await svc.as(owner); // signed in before: the marker cookie
    expect([...browser.jar.keys()].some((k) => k.endsWith('known'))).toBe(true);
    await strangerSpends(owner.id);
    expect(await resetMails(owner.id)).toBe(R_PW_7_MAX_MAILS);

    const answers = [];
    for (let i = 0; i < R_PW_7_KNOWN_BROWSER_MAX_MAILS + 1; i++) answers.push(await ask(browser, owner.id));
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(
      new Set([JSON.stringify({ status: 202, body: undefined, length: '0' })]),
    );
    expect(await resetMails(owner.id)).toBe(R_PW_7_MAX_MAILS + R_PW_7_KNOWN_BROWSER_MAX_MAILS);
    const held = await svc.db
      .selectFrom('budget_events')
      .select(['kind'])
      .where('kind', '=', 'mail:reset:known_browser')
      .where('subject', 'like', 'known:%')
      .execute();
    expect(held).toHaveLength(R_PW_7_KNOWN_BROWSER_MAX_MAILS);

    // The key the owner's browser got completes the reset.
    const done = await resetWithMailedKey(svc, browser, owner.id);
    expect(done.status, JSON.stringify(done.body)).toBe(204);
  });

  it('R-PW-7: the answer is the same whether a mail went and whether the ID exists; another account’s marker buys nothing', async () => {
    const owner = await svc.employer();
    const other = await svc.employer();
    const othersBrowser = await svc.as(other); // known to `other`, not to `owner`
    await strangerSpends(owner.id);
    const before = await resetMails(owner.id);
    const answers = [
      await ask(othersBrowser, owner.id), // public budget spent: no mail
      await ask(othersBrowser, 'nobody-owner-budget@example.jp'), // unknown ID, with a marker
      await ask(createClient(svc.url), 'nobody-owner-budget@example.jp'), // unknown ID, without
      await ask(othersBrowser, other.id), // its own account: mailed from its own budget
    ];
    expect(answers).toEqual(Array(4).fill({ status: 202, body: undefined, length: '0' }));
    expect(await resetMails(owner.id)).toBe(before);
    expect(await resetMails(other.id)).toBe(1);
  });
});
