import { describe, expect, it } from 'vitest';
import { deviceTrustMail, lockedMail, otpBudgetMail, otpMail } from '../../../src-server/mail/mail-templates.js';

const DISCARD = 'このメールを破棄してください';

describe('the mails say one thing: a notice of something that may not be you never says "throw it away"', () => {
  it('R-LOGIN-7, R-OTP-8, R-OTP-9: each security notice says what to do if it was not you, and its footer does not contradict it', () => {
    for (const mail of [lockedMail(), deviceTrustMail('Chrome (Windows)', new Date(0)), otpBudgetMail()]) {
      expect(mail.body, mail.subject).not.toContain(DISCARD);
      expect(mail.body, mail.subject).toMatch(/お心当たりのない場合は、.*(再登録|変更)してください。/);
      expect(mail.body, mail.subject).toContain('※このメールは送信専用です。');
    }
  });

  it('R-LOGIN-2: a mail that only carries a code may be thrown away by someone who did not ask for it', () => {
    expect(otpMail('123456').body).toContain(DISCARD);
  });
});
