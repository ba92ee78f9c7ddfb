import { describe, expect, it } from 'vitest';
import { AppModel } from '../../src-renderer/lib/app-model.svelte.js';
import { LoginState } from '../../src-renderer/lib/state/login.svelte.js';
import { HomeState } from '../../src-renderer/lib/state/settings.svelte.js';
import type { Host } from '../../src-shared/host.js';
import { fakeHost } from './fake-host.js';

const app = (host: Host) => new AppModel(host, { routing: 'memory' });

/** Issue 21: what is on screen follows the language chosen after it appeared, errors included. */
describe('texts already shown follow a language switch', () => {
  it('R-LOGIN-3: the error beside the password, shown in Japanese, reads in English once English is chosen, and back', async () => {
    const { host } = fakeHost({
      login: { ok: false, error: { error: 'invalid_credentials', message: '', attemptsLeft: 1 } },
    });
    const a = app(host);
    const s = new LoginState(a);
    s.form.fill({ id: 'taro@example.jp', password: 'Wrong-pass1' });
    await s.submit();
    expect(s.form.errors.password).toContain('ID（メールアドレス）またはパスワードが正しくありません。');
    await a.i18n.set('en');
    expect(s.form.errors.password).toMatch(/^The ID \(e-mail address\) or password is incorrect\./);
    expect(s.form.errors.password).not.toMatch(/[ぁ-んァ-ン]/);
    await a.i18n.set('ja');
    expect(s.form.errors.password).toContain('あと1回パスワード入力を誤ると');
  });

  it('R-LOGIN-1: the checks before sending and the lock message follow too', async () => {
    const { host } = fakeHost({
      login: { ok: false, error: { error: 'locked', message: '', retryAfterSeconds: 600 } },
    });
    const a = app(host);
    const s = new LoginState(a);
    await s.submit();
    expect(s.form.errors.id).toBe('「ID（メールアドレス）」を入力してください。');
    await a.i18n.set('en');
    expect(s.form.errors.id).not.toContain('入力してください');
    s.form.fill({ id: 'taro@example.jp', password: 'Passw0rd!' });
    await s.submit();
    const english = s.form.message;
    expect(english).toContain('10');
    await a.i18n.set('ja');
    expect(s.form.message).toContain('あと約10分でお試しいただけます。');
    expect(s.form.message).not.toBe(english);
  });

  it('a notice for the next screen and a page that failed to load are worded when shown', async () => {
    const { host } = fakeHost();
    const failing = {
      ...host,
      home: async () => ({ ok: false as const, error: { error: 'network_error' as const, message: '' } }),
    };
    const a = app(failing);
    a.handleSessionError({ error: 'unauthenticated', message: '' });
    const home = new HomeState(a);
    await home.load();
    const jaNotice = a.notice?.text();
    const jaError = home.error;
    expect(jaError).toMatch(/^通信エラーが発生しました。/);
    await a.i18n.set('en');
    expect(a.notice?.text()).not.toBe(jaNotice);
    expect(home.error).not.toBe(jaError);
    expect(home.error).not.toMatch(/[ぁ-ん]/);
  });
});
