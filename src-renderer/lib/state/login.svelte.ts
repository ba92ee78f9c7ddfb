import type { HostError } from '../../../src-shared/host.js';
import { R_LOGIN_2_OTP_DIGITS } from '../../../src-shared/rules.js';
import type { AppModel } from '../app-model.svelte.js';
import type { Text } from '../i18n/i18n.svelte.js';
import { Form, looksLikeEmail, type FieldTexts } from './form.svelte.js';

/**
 * The locked message (R-LOGIN-3): the wait said once — the time left when the service gives it,
 * else the seed's "30分程度" — and for a lock, the way out now: パスワード再登録 on the web, the
 * counter staff (who can unlock it) on a kiosk.
 */
export function lockedText(app: AppModel, e: HostError): Text {
  return () => lockedWords(app, e);
}

function lockedWords(app: AppModel, e: HostError): string {
  const m = app.i18n.m;
  const s = 'retryAfterSeconds' in e ? e.retryAfterSeconds : undefined;
  const wait = typeof s === 'number' && s > 0 ? m.common.retryAfter(Math.max(1, Math.ceil(s / 60))) : '';
  if (e.error !== 'locked') return app.i18n.join(app.i18n.error(e), wait);
  return app.i18n.join(wait ? m.login.lockedNow : app.i18n.error(e), wait, m.login.lockWayOut[app.host.kind]);
}

/** 求人者マイページログイン (R-LOGIN-1, R-LOGIN-2, R-LOGIN-3, R-LOGIN-4, R-REREG-2). */
export class LoginState {
  readonly form = new Form({ id: '', password: '' });
  #withdrawn = $state<'reregistrable' | 'expired' | null>(null);
  readonly #app: AppModel;

  constructor(app: AppModel) {
    this.#app = app;
  }

  /** After a correct password for a withdrawn account: can it be re-registered online? */
  get withdrawn(): 'reregistrable' | 'expired' | null {
    return this.#withdrawn;
  }

  validate(): FieldTexts<'id' | 'password'> {
    const t = this.#app.i18n;
    const { id, password } = this.form.values;
    const errors: FieldTexts<'id' | 'password'> = {};
    if (id.trim() === '') errors.id = t.text((m) => m.common.enterField(m.login.id));
    else if (!looksLikeEmail(id)) errors.id = t.text((m) => m.common.emailFormat);
    if (password === '') errors.password = t.text((m) => m.common.enterField(m.login.password));
    return errors;
  }

  async submit(): Promise<void> {
    const app = this.#app;
    const t = app.i18n;
    const errors = this.validate();
    this.#withdrawn = null;
    if (Object.keys(errors).length) return this.form.fail(errors);
    this.form.clear();
    const { id, password } = this.form.values;
    const r = await this.form.run(() => app.host.login({ id, password }));
    if (!r) return;
    if (r.ok) {
      if (r.data.status === 'otp_required') app.askForOtp();
      else app.enterHome();
      return;
    }
    const e = r.error;
    switch (e.error) {
      case 'invalid_credentials': {
        // R-LOGIN-3: the fourth wrong password of this source warns that the fifth locks it.
        const last = 'attemptsLeft' in e && e.attemptsLeft === 1;
        return this.form.fail({
          password: last ? () => t.join(t.error(e), t.m.login.oneMoreLocks) : t.errorText(e),
        });
      }
      case 'locked':
      case 'otp_budget_exhausted': // R-OTP-8: after a correct password, with the time to wait
        return this.form.fail({}, lockedText(app, e));
      case 'withdrawn': {
        const reregistrable = 'reregistrable' in e && e.reregistrable === true;
        this.#withdrawn = reregistrable ? 'reregistrable' : 'expired';
        return this.form.fail(
          {},
          reregistrable
            ? t.text((m) => m.login.withdrawnReregistrable)
            : t.errorText({ error: 'reregistration_expired', message: '' }),
        );
      }
      case 'invalid_request':
        if ('fields' in e && e.fields?.includes('id'))
          return this.form.fail({ id: t.text((m) => m.common.emailFormat) });
        return this.form.fail({}, t.errorText(e));
      default:
        return this.form.fail({}, t.errorText(e));
    }
  }
}

/** ワンタイムパスワード入力 and its confirmation (R-LOGIN-2, R-OTP-1, R-OTP-2, R-OTP-3, R-OTP-4, R-OTP-5, R-OTP-6). */
export class OtpState {
  readonly form: Form<'otp'>;
  #remember = $state(false);
  readonly #app: AppModel;

  constructor(app: AppModel) {
    this.#app = app;
    this.form = new Form({ otp: app.otpDraft.otp });
    this.#remember = app.host.offersOtpSkip && app.otpDraft.remember;
  }

  /** 「次回以降…省略する」 is ticked (never on a host that does not offer it). */
  get remember(): boolean {
    return this.#remember;
  }
  chooseSkip(on: boolean): void {
    this.#remember = this.#app.host.offersOtpSkip && on;
  }

  validate(): FieldTexts<'otp'> {
    const t = this.#app.i18n;
    const otp = this.form.values.otp.normalize('NFKC').trim();
    if (otp === '') return { otp: t.text((m) => m.common.enterField(m.otp.label)) };
    if (!new RegExp(`^[0-9]{${R_LOGIN_2_OTP_DIGITS}}$`).test(otp))
      return { otp: t.errorText({ error: 'otp_invalid', message: '' }) };
    return {};
  }

  /** 送信: with the checkbox ticked, the confirmation comes first (R-OTP-3). */
  async submit(): Promise<void> {
    const errors = this.validate();
    if (Object.keys(errors).length) return this.form.fail(errors);
    this.form.clear();
    if (this.#remember) return this.#app.confirmOtpSkip(this.form.values.otp);
    await this.send(false);
  }

  async send(rememberDevice: boolean): Promise<void> {
    const app = this.#app;
    const otp = this.form.values.otp.normalize('NFKC').trim();
    const r = await this.form.run(() => app.host.submitOtp({ otp, rememberDevice }));
    if (!r) return;
    if (r.ok) {
      const done = app.i18n.text((m) => m.confirm.doneNotice);
      return app.enterHome(rememberDevice ? { kind: 'success', text: done } : undefined);
    }
    const e = r.error;
    if (e.error === 'otp_expired' || e.error === 'otp_exhausted') return app.endOtp(e);
    const t = app.i18n;
    if (e.error === 'otp_invalid') {
      const left = 'attemptsLeft' in e ? e.attemptsLeft : undefined;
      const text = () => t.join(t.error(e), typeof left === 'number' ? t.m.common.attemptsLeft(left) : '');
      // From the confirmation: back to the entry screen, with the error beside the field.
      if (rememberDevice) return app.returnToOtpEntry(this.form.values.otp, text);
      return this.form.fail({ otp: text });
    }
    // R-OTP-8: the budget's refusal says how long to wait; the typed OTP stays in the field.
    const text = e.error === 'otp_budget_exhausted' ? lockedText(app, e) : t.errorText(e);
    if (rememberDevice) return app.returnToOtpEntry(this.form.values.otp, text);
    return this.form.fail({}, text);
  }

  async cancel(): Promise<void> {
    await this.#app.host.cancelLogin();
    this.#app.toLogin();
  }
}
