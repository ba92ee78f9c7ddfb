import type { HomeResponse, TrustedDevice } from '../../../src-shared/api/schemas.js';
import type { AppModel } from '../app-model.svelte.js';
import type { Text } from '../i18n/i18n.svelte.js';
import { Form, type FieldTexts } from './form.svelte.js';
import { idErrors, newPasswordErrors, passwordAnswerErrors } from './recovery.svelte.js';

/** 求人者マイページホーム (R-HOME-1, R-HOME-2). */
export class HomeState {
  #data = $state<HomeResponse | null>(null);
  #error = $state<Text | null>(null);
  readonly #app: AppModel;
  constructor(app: AppModel) {
    this.#app = app;
  }
  get data(): HomeResponse | null {
    return this.#data;
  }
  /** Why the home could not be shown, in the language shown now. */
  get error(): string | null {
    return this.#error?.() ?? null;
  }
  async load(): Promise<void> {
    const got = this.#app.signedInData(await this.#app.host.home());
    if (got && 'data' in got) this.#data = got.data;
    else if (got) this.#error = got.error;
  }
}

/** パスワード変更: every device trust is revoked by the service (R-OTP-4). */
export class PasswordChangeState {
  readonly form = new Form({ current: '', newPassword: '', confirm: '' });
  readonly #app: AppModel;
  constructor(app: AppModel) {
    this.#app = app;
  }
  async submit(): Promise<void> {
    const app = this.#app;
    const t = app.i18n;
    const { current, newPassword, confirm } = this.form.values;
    const errors: FieldTexts<'current' | 'newPassword' | 'confirm'> = {};
    if (current === '') errors.current = t.text((m) => m.common.enterField(m.settings.currentPassword));
    Object.assign(errors, newPasswordErrors(app, newPassword, confirm));
    if (Object.keys(errors).length) return this.form.fail(errors);
    this.form.clear();
    const r = await this.form.run(() =>
      app.host.changePassword({ currentPassword: current, newPassword, newPasswordConfirm: confirm }),
    );
    if (!r) return;
    if (r.ok) {
      const done = () => t.join(t.m.settings.passwordDone, t.m.settings.otpAgain);
      return app.go('settings', { replace: true, notice: { kind: 'success', text: done } });
    }
    if (app.handleSessionError(r.error)) return;
    if (r.error.error === 'invalid_credentials') return this.form.fail({ current: t.errorText(r.error) });
    const placed = passwordAnswerErrors(app, r.error);
    this.form.fail(placed ?? {}, placed ? null : t.errorText(r.error));
  }
}

/** ID（メールアドレス）変更: the key goes to the new address, then 認証キー入力. */
export class EmailChangeState {
  readonly form = new Form({ newId: '', password: '' });
  readonly #app: AppModel;
  constructor(app: AppModel) {
    this.#app = app;
  }
  async submit(): Promise<void> {
    const app = this.#app;
    const t = app.i18n;
    const { newId, password } = this.form.values;
    const errors: FieldTexts<'newId' | 'password'> = {};
    const idErr = idErrors(t, newId, (m) => m.settings.newId);
    if (idErr) errors.newId = idErr;
    if (password === '') errors.password = t.text((m) => m.common.enterField(m.login.password));
    if (Object.keys(errors).length) return this.form.fail(errors);
    this.form.clear();
    const r = await this.form.run(() => app.host.changeEmail({ newId, password }));
    if (!r) return;
    if (r.ok) return app.go('settings-email-key');
    if (app.handleSessionError(r.error)) return;
    if (r.error.error === 'invalid_credentials') return this.form.fail({ password: t.errorText(r.error) });
    if (r.error.error === 'invalid_request') return this.form.fail({ newId: t.text((m) => m.common.emailFormat) });
    this.form.fail({}, t.errorText(r.error));
  }
}

/** ワンタイムパスワード入力の省略設定: the trusted browsers, each revocable (R-OTP-5). */
export class DevicesState {
  #devices = $state<TrustedDevice[] | null>(null);
  #error = $state<Text | null>(null);
  #busyId = $state<string | null>(null);
  #message = $state<Text | null>(null);
  readonly #app: AppModel;
  constructor(app: AppModel) {
    this.#app = app;
  }
  /** The trusted browsers; null until the service answers. */
  get devices(): TrustedDevice[] | null {
    return this.#devices;
  }
  get error(): string | null {
    return this.#error?.() ?? null;
  }
  /** The browser being revoked now (one at a time). */
  get busyId(): string | null {
    return this.#busyId;
  }
  /** What the last revocation did, for the status line ('' before any). */
  get message(): string {
    return this.#message?.() ?? '';
  }
  async load(): Promise<void> {
    const got = this.#app.signedInData(await this.#app.host.devices());
    if (got && 'data' in got) this.#devices = got.data.devices;
    else if (got) this.#error = got.error;
  }
  async revoke(device: TrustedDevice): Promise<void> {
    if (this.#busyId) return;
    this.#busyId = device.id;
    this.#error = null;
    const r = await this.#app.host.revokeDevice({ id: device.id });
    this.#busyId = null;
    if (r.ok) {
      this.#devices = (this.#devices ?? []).filter((d) => d.id !== device.id);
      this.#message = this.#app.i18n.text((m) => m.settings.revoked(device.label));
    } else if (!this.#app.handleSessionError(r.error)) this.#error = this.#app.i18n.errorText(r.error);
  }
}

/** マイページ退会. */
export class WithdrawState {
  readonly form = new Form({ password: '' });
  #agreed = $state(false);
  readonly #app: AppModel;
  constructor(app: AppModel) {
    this.#app = app;
  }
  /** The box that agrees to the withdrawal is ticked. */
  get agreed(): boolean {
    return this.#agreed;
  }
  agree(on: boolean): void {
    this.#agreed = on;
  }
  async submit(): Promise<void> {
    const app = this.#app;
    const t = app.i18n;
    const errors: FieldTexts<'password'> = {};
    if (this.form.values.password === '') errors.password = t.text((m) => m.common.enterField(m.login.password));
    if (!this.#agreed)
      return this.form.fail(
        errors,
        t.text((m) => m.common.checkField(m.settings.withdrawAgree)),
      );
    if (Object.keys(errors).length) return this.form.fail(errors);
    this.form.clear();
    const password = this.form.values.password;
    const r = await this.form.run(() => app.host.withdraw({ password }));
    if (!r) return;
    if (r.ok) return app.withdrawn();
    if (app.handleSessionError(r.error)) return;
    if (r.error.error === 'invalid_credentials') return this.form.fail({ password: t.errorText(r.error) });
    this.form.fail({}, t.errorText(r.error));
  }
}
