import { checkPasswordPolicy } from '../../../src-shared/password-policy.js';
import type { HostError } from '../../../src-shared/host.js';
import type { AppModel } from '../app-model.svelte.js';
import type { Catalog } from '../i18n/ja.js';
import type { I18n, Text } from '../i18n/i18n.svelte.js';
import { Form, looksLikeEmail, type FieldTexts } from './form.svelte.js';
import { lockedText } from './login.svelte.js';

/** What is wrong with an ID as typed, if anything; `label` names the field (default: the login's ID). */
export function idErrors(t: I18n, id: string, label: (m: Catalog) => string = (m) => m.login.id): Text | undefined {
  if (id.trim() === '') return t.text((m) => m.common.enterField(label(m)));
  if (!looksLikeEmail(id)) return t.text((m) => m.common.emailFormat);
  return undefined;
}

/** The policy's refusal and each thing the password lacks (R-PW-4). */
const policyText =
  (t: I18n, violations: readonly string[], e: HostError = { error: 'password_policy', message: '' }): Text =>
  () =>
    t.join(t.error(e), ...violations.map((x) => t.violation(x)));

/** New password + confirmation, checked as the service will (R-PW-4) before anything is sent. */
export function newPasswordErrors(
  app: AppModel,
  password: string,
  confirm: string,
): FieldTexts<'newPassword' | 'confirm'> {
  const t = app.i18n;
  const errors: FieldTexts<'newPassword' | 'confirm'> = {};
  if (password === '') errors.newPassword = t.text((m) => m.common.enterField(m.reset.newPassword));
  else {
    const v = checkPasswordPolicy(password);
    if (v.length) errors.newPassword = policyText(t, v);
  }
  if (confirm === '') errors.confirm = t.text((m) => m.common.enterField(m.reset.confirm));
  else if (!errors.newPassword && confirm !== password)
    errors.confirm = t.errorText({ error: 'password_mismatch', message: '' });
  return errors;
}

/** The service's answer to a new password, placed beside the field it concerns. */
export function passwordAnswerErrors(
  app: AppModel,
  e: HostError,
): FieldTexts<'newPassword' | 'confirm' | 'key' | 'current'> | null {
  const t = app.i18n;
  if (e.error === 'password_policy')
    return { newPassword: policyText(t, 'violations' in e && e.violations ? e.violations : [], e) };
  if (e.error === 'password_mismatch') return { confirm: t.errorText(e) };
  if (e.error === 'key_invalid') return { key: t.errorText(e) };
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
    const err = idErrors(app.i18n, this.form.values.id);
    if (err) return this.form.fail({ id: err });
    this.form.clear();
    const id = this.form.values.id;
    const r = await this.form.run(() => app.host.requestPasswordReset({ id }));
    if (!r) return;
    if (r.ok) return app.resetKeyMailed(id);
    if (r.error.error === 'invalid_request') return this.form.fail({ id: app.i18n.text((m) => m.common.emailFormat) });
    this.form.fail({}, app.i18n.errorText(r.error));
  }
}

/** パスワード再登録: 新しいパスワード, 確認用, 認証キー, 完了 (R-PW-2, R-PW-3, R-PW-4, R-PW-5, R-PW-6). */
export class ResetState {
  readonly form = new Form({ newPassword: '', confirm: '', key: '' });
  #keyExpired = $state(false);
  readonly #app: AppModel;
  constructor(app: AppModel) {
    this.#app = app;
  }
  /** The service refused the key (R-PW-3): the screen offers to start again. */
  get keyExpired(): boolean {
    return this.#keyExpired;
  }
  async submit(): Promise<void> {
    const app = this.#app;
    const { newPassword, confirm, key } = this.form.values;
    const errors: FieldTexts<'newPassword' | 'confirm' | 'key'> = newPasswordErrors(app, newPassword, confirm);
    if (key.trim() === '') errors.key = app.i18n.text((m) => m.common.enterField(m.reset.key));
    if (Object.keys(errors).length) return this.form.fail(errors);
    this.form.clear();
    this.#keyExpired = false;
    const r = await this.form.run(() =>
      app.host.completePasswordReset({ id: app.resetId, key, newPassword, newPasswordConfirm: confirm }),
    );
    if (!r) return;
    if (r.ok) return app.resetDone();
    const placed = passwordAnswerErrors(app, r.error);
    if (r.error.error === 'key_invalid') this.#keyExpired = true;
    if (placed) return this.form.fail(placed);
    this.form.fail({}, app.i18n.errorText(r.error));
  }
}

/** アカウント再登録: the former ID and password (R-REREG-1, R-REREG-2). */
export class ReregState {
  readonly form: Form<'id' | 'password'>;
  #expired = $state(false);
  readonly #app: AppModel;
  constructor(app: AppModel) {
    this.#app = app;
    this.form = new Form({ id: app.reregId, password: '' });
  }
  /** Withdrawn more than 30 days ago (R-REREG-2): the screen says where to turn. */
  get expired(): boolean {
    return this.#expired;
  }
  async submit(): Promise<void> {
    const app = this.#app;
    const t = app.i18n;
    const errors: FieldTexts<'id' | 'password'> = {};
    const idErr = idErrors(t, this.form.values.id);
    if (idErr) errors.id = idErr;
    if (this.form.values.password === '') errors.password = t.text((m) => m.common.enterField(m.login.password));
    if (Object.keys(errors).length) return this.form.fail(errors);
    this.form.clear();
    this.#expired = false;
    const { id, password } = this.form.values;
    const r = await this.form.run(() => app.host.requestReregistration({ id, password }));
    if (!r) return;
    if (r.ok) return app.reregKeyMailed(id);
    if (r.error.error === 'invalid_credentials') return this.form.fail({ password: t.errorText(r.error) });
    if (r.error.error === 'reregistration_expired') this.#expired = true;
    this.form.fail({}, r.error.error === 'locked' ? lockedText(app, r.error) : t.errorText(r.error));
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
    const t = app.i18n;
    const key = this.form.values.key;
    if (key.trim() === '') return this.form.fail({ key: t.text((m) => m.common.enterField(m.reset.key)) });
    this.form.clear();
    const r = await this.form.run(() => this.#send(key));
    if (!r) return;
    if (r.ok) return this.#done();
    if (app.handleSessionError(r.error)) return;
    if (r.error.error === 'key_invalid') return this.form.fail({ key: t.errorText(r.error) });
    this.form.fail({}, t.errorText(r.error));
  }
}
