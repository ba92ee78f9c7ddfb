import { checkPasswordPolicy } from '../../../src-shared/password-policy.js';
import type { HostError } from '../../../src-shared/host.js';
import type { AppModel } from '../app-model.svelte.js';
import { Form, looksLikeEmail, type FieldErrors } from './form.svelte.js';
import { lockedText } from './login.svelte.js';

type Catalog = AppModel['i18n']['m'];

export function idErrors(m: Catalog, id: string, label = m.login.id): string | undefined {
  if (id.trim() === '') return m.common.enterField(label);
  if (!looksLikeEmail(id)) return m.common.emailFormat;
  return undefined;
}

/** New password + confirmation, checked as the service will (R-PW-4) before anything is sent. */
export function newPasswordErrors(
  app: AppModel,
  password: string,
  confirm: string,
): FieldErrors<'newPassword' | 'confirm'> {
  const m = app.i18n.m;
  const errors: FieldErrors<'newPassword' | 'confirm'> = {};
  if (password === '') errors.newPassword = m.common.enterField(m.reset.newPassword);
  else {
    const v = checkPasswordPolicy(password);
    if (v.length)
      errors.newPassword = app.i18n.join(
        app.i18n.error({ error: 'password_policy', message: '' }),
        ...v.map((x) => app.i18n.violation(x)),
      );
  }
  if (confirm === '') errors.confirm = m.common.enterField(m.reset.confirm);
  else if (!errors.newPassword && confirm !== password)
    errors.confirm = app.i18n.error({ error: 'password_mismatch', message: '' });
  return errors;
}

/** The service's answer to a new password, placed beside the field it concerns. */
export function passwordAnswerErrors(
  app: AppModel,
  e: HostError,
): FieldErrors<'newPassword' | 'confirm' | 'key' | 'current'> | null {
  if (e.error === 'password_policy') {
    const v = 'violations' in e && e.violations ? e.violations : [];
    return { newPassword: app.i18n.join(app.i18n.error(e), ...v.map((x) => app.i18n.violation(x))) };
  }
  if (e.error === 'password_mismatch') return { confirm: app.i18n.error(e) };
  if (e.error === 'key_invalid') return { key: app.i18n.error(e) };
  return null;
}

/** 求人者マイページパスワード再登録: the ID, 次へ進む (R-PW-1). */
export class ForgotState {
  readonly form: Form<'id'>;
  readonly #app: AppModel;
  constructor(app: AppModel) {
    this.#app = app;
    this.form = new Form({ id: app.resetId });
  }
  async submit(): Promise<void> {
    const app = this.#app;
    const err = idErrors(app.i18n.m, this.form.values.id);
    if (err) return this.form.fail({ id: err });
    this.form.clear();
    const id = this.form.values.id;
    const r = await this.form.run(() => app.host.requestPasswordReset({ id }));
    if (!r) return;
    if (r.ok) {
      app.resetId = id;
      app.go('password-reset');
      return;
    }
    if (r.error.error === 'invalid_request') return this.form.fail({ id: app.i18n.m.common.emailFormat });
    this.form.fail({}, app.i18n.error(r.error));
  }
}

/** パスワード再登録: 新しいパスワード, 確認用, 認証キー, 完了 (R-PW-2, R-PW-3, R-PW-4, R-PW-5, R-PW-6). */
export class ResetState {
  readonly form = new Form({ newPassword: '', confirm: '', key: '' });
  keyExpired = $state(false);
  readonly #app: AppModel;
  constructor(app: AppModel) {
    this.#app = app;
  }
  async submit(): Promise<void> {
    const app = this.#app;
    const m = app.i18n.m;
    const { newPassword, confirm, key } = this.form.values;
    const errors: FieldErrors<'newPassword' | 'confirm' | 'key'> = newPasswordErrors(app, newPassword, confirm);
    if (key.trim() === '') errors.key = m.common.enterField(m.reset.key);
    if (Object.keys(errors).length) return this.form.fail(errors);
    this.form.clear();
    this.keyExpired = false;
    const r = await this.form.run(() =>
      app.host.completePasswordReset({ id: app.resetId, key, newPassword, newPasswordConfirm: confirm }),
    );
    if (!r) return;
    if (r.ok) {
      app.resetId = '';
      app.go('password-reset-done', { replace: true });
      return;
    }
    const placed = passwordAnswerErrors(app, r.error);
    if (r.error.error === 'key_invalid') this.keyExpired = true;
    if (placed) return this.form.fail(placed);
    this.form.fail({}, app.i18n.error(r.error));
  }
}

/** アカウント再登録: the former ID and password (R-REREG-1, R-REREG-2). */
export class ReregState {
  readonly form: Form<'id' | 'password'>;
  expired = $state(false);
  readonly #app: AppModel;
  constructor(app: AppModel) {
    this.#app = app;
    this.form = new Form({ id: app.reregId, password: '' });
  }
  async submit(): Promise<void> {
    const app = this.#app;
    const m = app.i18n.m;
    const errors: FieldErrors<'id' | 'password'> = {};
    const idErr = idErrors(m, this.form.values.id);
    if (idErr) errors.id = idErr;
    if (this.form.values.password === '') errors.password = m.common.enterField(m.login.password);
    if (Object.keys(errors).length) return this.form.fail(errors);
    this.form.clear();
    this.expired = false;
    const { id, password } = this.form.values;
    const r = await this.form.run(() => app.host.requestReregistration({ id, password }));
    if (!r) return;
    if (r.ok) {
      app.reregId = id;
      app.go('reregister-key');
      return;
    }
    if (r.error.error === 'invalid_credentials') return this.form.fail({ password: app.i18n.error(r.error) });
    if (r.error.error === 'reregistration_expired') this.expired = true;
    this.form.fail({}, r.error.error === 'locked' ? lockedText(app, r.error) : app.i18n.error(r.error));
  }
}

/** 認証キー入力, for re-registration or the ID change. */
export class KeyState {
  readonly form = new Form({ key: '' });
  readonly #app: AppModel;
  readonly #send: (key: string) => ReturnType<AppModel['host']['confirmEmail']>;
  readonly #done: () => void;
  constructor(app: AppModel, send: (key: string) => ReturnType<AppModel['host']['confirmEmail']>, done: () => void) {
    this.#app = app;
    this.#send = send;
    this.#done = done;
  }
  async submit(): Promise<void> {
    const app = this.#app;
    const m = app.i18n.m;
    const key = this.form.values.key;
    if (key.trim() === '') return this.form.fail({ key: m.common.enterField(m.reset.key) });
    this.form.clear();
    const r = await this.form.run(() => this.#send(key));
    if (!r) return;
    if (r.ok) return this.#done();
    if (app.handleSessionError(r.error)) return;
    if (r.error.error === 'key_invalid') return this.form.fail({ key: app.i18n.error(r.error) });
    this.form.fail({}, app.i18n.error(r.error));
  }
}
