import { describe, expect, it } from 'vitest';
import { AppModel } from '../../src-renderer/lib/app-model.svelte.js';
import { LoginState, OtpState } from '../../src-renderer/lib/state/login.svelte.js';
import { newPasswordErrors } from '../../src-renderer/lib/state/recovery.svelte.js';
import { wordTexts } from '../../src-renderer/lib/state/form.svelte.js';
import { fakeHost } from './fake-host.js';

const app = (host: ReturnType<typeof fakeHost>['host']) => new AppModel(host, { routing: 'memory' });

describe('LoginState', () => {
  it('R-LOGIN-1: asks for both fields before anything is sent', async () => {
    const { host, calls } = fakeHost();
    const s = new LoginState(app(host));
    await s.submit();
    expect(s.form.errors.id).toBe('「ID（メールアドレス）」を入力してください。');
    expect(s.form.errors.password).toBe('「パスワード」を入力してください。');
    expect(calls).toEqual([]);
  });

  it('editing a field drops its stale error and keeps the others', async () => {
    const { host } = fakeHost();
    const s = new LoginState(app(host));
    await s.submit();
    s.form.values.id = 'taro@example.jp';
    s.form.touch('id');
    expect(s.form.errors).toEqual({ password: '「パスワード」を入力してください。' });
  });

  it('R-LOGIN-2: a correct ID and password lead to ワンタイムパスワード入力', async () => {
    const { host } = fakeHost();
    const a = app(host);
    const s = new LoginState(a);
    s.form.fill({ id: 'taro@example.jp', password: 'Passw0rd!' });
    await s.submit();
    expect(a.router.current).toBe('otp');
  });

  it('R-LOGIN-3: a lock says how long to wait, once, and the way out now; it keeps what was typed', async () => {
    const { host } = fakeHost({
      login: { ok: false, error: { error: 'locked', message: '', retryAfterSeconds: 1799 } },
    });
    const s = new LoginState(app(host));
    s.form.fill({ id: 'taro@example.jp', password: 'Passw0rd!' });
    await s.submit();
    expect(s.form.message).toBe(
      'パスワード入力を5回誤ったため、ロックがかかりログインできません。あと約30分でお試しいただけます。' +
        'すぐにご利用になる場合は、「パスワードをお忘れの方」からパスワードを再登録すると、ロックも解除されます。',
    );
    expect(s.form.values).toEqual({ id: 'taro@example.jp', password: 'Passw0rd!' });
  });

  it('R-LOGIN-3: the fourth wrong password warns that one more locks login; earlier ones do not', async () => {
    for (const [left, warned] of [
      [2, false],
      [1, true],
    ] as const) {
      const { host } = fakeHost({
        login: { ok: false, error: { error: 'invalid_credentials', message: '', attemptsLeft: left } },
      });
      const s = new LoginState(app(host));
      s.form.fill({ id: 'taro@example.jp', password: 'Wrong-pass1' });
      await s.submit();
      expect(s.form.errors.password).toContain('ID（メールアドレス）またはパスワードが正しくありません。');
      expect(s.form.errors.password?.includes('あと1回パスワード入力を誤ると、ロックがかかり')).toBe(warned);
    }
  });

  it('R-LOGIN-3, R-KIOSK-1: on a kiosk a lock sends the visitor to the counter staff, not to パスワード再登録', async () => {
    const { host } = fakeHost({
      login: { ok: false, error: { error: 'locked', message: '', retryAfterSeconds: 600 } },
    });
    const s = new LoginState(app({ ...host, kind: 'kiosk' }));
    s.form.fill({ id: 'taro@example.jp', password: 'Passw0rd!' });
    await s.submit();
    expect(s.form.message).toBe(
      'パスワード入力を5回誤ったため、ロックがかかりログインできません。あと約10分でお試しいただけます。' +
        'すぐにご利用になる場合は、窓口の職員にお声がけください。ロックを解除できます。',
    );
  });

  it('R-OTP-8: past the OTP budget the login says to wait and try later, with the time, and keeps what was typed', async () => {
    const { host } = fakeHost({
      login: { ok: false, error: { error: 'otp_budget_exhausted', message: '', retryAfterSeconds: 1500 } },
    });
    const s = new LoginState(app(host));
    s.form.fill({ id: 'taro@example.jp', password: 'Passw0rd!' });
    await s.submit();
    expect(s.form.message).toContain(
      'しばらく時間を空けてから、もう一度お試しください。あと約25分でお試しいただけます。',
    );
    expect(s.form.values).toEqual({ id: 'taro@example.jp', password: 'Passw0rd!' });
  });

  it('R-REREG-2: a withdrawal past 30 days names the office', async () => {
    const { host } = fakeHost({
      login: { ok: false, error: { error: 'withdrawn', message: '', reregistrable: false } },
    });
    const s = new LoginState(app(host));
    s.form.fill({ id: 'taro@example.jp', password: 'Passw0rd!' });
    await s.submit();
    expect(s.withdrawn).toBe('expired');
    expect(s.form.message).toContain('最寄りのハローワークまでご連絡ください。');
  });

  it('sends one request at a time (no double submit)', async () => {
    let release!: () => void;
    const { host, calls } = fakeHost({
      login: () =>
        new Promise((r) => (release = () => r({ ok: true, data: { status: 'otp_required', expiresAt: '' } }))),
    });
    const s = new LoginState(app(host));
    s.form.fill({ id: 'taro@example.jp', password: 'Passw0rd!' });
    const first = s.submit();
    const second = s.submit();
    await Promise.resolve();
    expect(s.form.busy).toBe(true);
    release();
    await Promise.all([first, second]);
    expect(calls.filter((c) => c.name === 'login')).toHaveLength(1);
  });

  it('a network failure becomes a message, not an exception', async () => {
    const { host } = fakeHost({ login: { ok: false, error: { error: 'network_error', message: 'offline' } } });
    const s = new LoginState(app(host));
    s.form.fill({ id: 'taro@example.jp', password: 'Passw0rd!' });
    await s.submit();
    expect(s.form.message).toMatch(/^通信エラーが発生しました。/);
  });
});

describe('OtpState', () => {
  it('R-OTP-3: with the checkbox ticked, 送信 shows the confirmation first and sends nothing', async () => {
    const { host, calls } = fakeHost();
    const a = app(host);
    const s = new OtpState(a);
    s.form.fill({ otp: '123456' });
    s.chooseSkip(true);
    await s.submit();
    expect(a.router.current).toBe('otp-confirm');
    expect(a.otpDraft).toEqual({ otp: '123456', remember: true, canceled: false });
    expect(calls).toEqual([]);
  });

  it('R-OTP-2: a wrong OTP tells how many tries are left, beside the field', async () => {
    const { host } = fakeHost({
      submitOtp: { ok: false, error: { error: 'otp_invalid', message: '', attemptsLeft: 3 } },
    });
    const s = new OtpState(app(host));
    s.form.fill({ otp: '１２３４５６' }); // full-width digits are accepted
    await s.submit();
    expect(s.form.errors.otp).toBe(
      'ワンタイムパスワードが正しくありません。あと3回入力できます。10回誤るとワンタイムパスワードが無効になります。',
    );
  });

  it('R-OTP-8: past the OTP budget the OTP step stays on its screen, says how long to wait and keeps the OTP', async () => {
    const { host } = fakeHost({
      submitOtp: { ok: false, error: { error: 'otp_budget_exhausted', message: '', retryAfterSeconds: 3600 } },
    });
    const a = app(host);
    const s = new OtpState(a);
    s.form.fill({ otp: '123456' });
    await s.submit();
    expect(s.form.message).toContain(
      '上限に達したため、現在ログインできません。しばらく時間を空けてから、もう一度お試しください。あと約60分でお試しいただけます。',
    );
    expect(s.form.values).toEqual({ otp: '123456' });
    expect(a.router.current).not.toBe('otp-ended');
  });

  it('R-OTP-1: an expired OTP leads to the screen that sends the user back to login', async () => {
    const { host } = fakeHost({ submitOtp: { ok: false, error: { error: 'otp_expired', message: '' } } });
    const a = app(host);
    const s = new OtpState(a);
    s.form.fill({ otp: '123456' });
    await s.submit();
    expect(a.router.current).toBe('otp-ended');
  });
});

describe('newPasswordErrors', () => {
  it('R-PW-4: lists what the new password lacks; a mismatch is reported on the confirmation', () => {
    const { host } = fakeHost();
    const a = app(host);
    expect(newPasswordErrors(a, 'abc', 'abc').newPassword?.()).toBe(
      'パスワードは、半角数字、英字、記号を組み合わせ、8桁以上32桁以内で設定してください。8桁以上で入力してください。半角数字を含めてください。半角記号を含めてください。',
    );
    expect(wordTexts(newPasswordErrors(a, 'Passw0rd!', 'Passw0rd?'))).toEqual({
      confirm: '新しいパスワードと新しいパスワード（確認用）が一致しません。',
    });
    expect(newPasswordErrors(a, 'Passw0rd!', 'Passw0rd!')).toEqual({});
  });
});
