import { R_PW_3_RESET_KEY_TTL_MS, R_REREG_1_WINDOW_MS, R_PW_7_MAILED_KEY_TTL_MS } from '../../src-shared/rules.js';
import type { MailContent } from '../mail/mail-templates.js';

/** The mails of recovery and settings. Subjects keep the seed's names; a key stands alone on its line. */
const FOOTER = [
  '',
  '※このメールは送信専用です。心当たりのない場合は、このメールを破棄してください。',
  'ハローワークインターネットサービス',
].join('\n');
const minutes = (ms: number) => Math.round(ms / 60_000);

export const RESET_KEY_SUBJECT = 'パスワード再登録申込受付通知';
export const PASSWORD_CHANGED_SUBJECT = 'パスワード変更通知';
export const REREG_KEY_SUBJECT = 'アカウント再登録申込受付通知';
export const EMAIL_CHANGE_KEY_SUBJECT = 'ID（メールアドレス）変更申込受付通知';
export const EMAIL_CHANGED_SUBJECT = 'ID（メールアドレス）変更通知';
export const EMAIL_TAKEN_SUBJECT = 'ID（メールアドレス）変更申込について';

/** R-PW-1/R-PW-3: the 認証キー of a password reset. */
export function resetKeyMail(key: string): MailContent {
  return {
    subject: RESET_KEY_SUBJECT,
    body: [
      '求人者マイページのパスワード再登録の申込を受け付けました。',
      '「パスワード再登録」画面で、次の認証キーと新しいパスワードを入力し、「完了」ボタンをクリックしてください。',
      '',
      key,
      '',
      `このメールの配信から${minutes(R_PW_3_RESET_KEY_TTL_MS)}分以内に操作をしないと、認証キーが無効になります。`,
      '認証キーが無効になった場合は、「パスワードをお忘れの方」からはじめからやり直してください。',
      FOOTER,
    ].join('\n'),
  };
}

/** Told after a reset or a change: the owner learns if someone else did it. */
export function passwordChangedMail(how: 'reset' | 'change'): MailContent {
  return {
    subject: PASSWORD_CHANGED_SUBJECT,
    body: [
      how === 'reset'
        ? '求人者マイページのパスワードが再登録されました。'
        : '求人者マイページのパスワードが変更されました。',
      'ワンタイムパスワード入力を省略する設定は、すべての端末・ブラウザで解除されました。',
      'お心当たりのない場合は、「パスワードをお忘れの方」からパスワードを再登録し、管轄のハローワークにご連絡ください。',
      FOOTER,
    ].join('\n'),
  };
}

/** R-REREG-1: the 認証キー of a re-registration. */
export function reregKeyMail(key: string): MailContent {
  return {
    subject: REREG_KEY_SUBJECT,
    body: [
      `求人者マイページのアカウント再登録（退会後${minutes(R_REREG_1_WINDOW_MS) / 1440}日以内）の申込を受け付けました。`,
      '「認証キー入力」画面で、次の認証キーを入力してください。',
      '',
      key,
      '',
      `認証キーの有効期間は${minutes(R_PW_7_MAILED_KEY_TTL_MS)}分間です。`,
      FOOTER,
    ].join('\n'),
  };
}

/** Settings: the key that proves the new address is reachable (mailed to the NEW address). */
export function emailChangeKeyMail(key: string): MailContent {
  return {
    subject: EMAIL_CHANGE_KEY_SUBJECT,
    body: [
      '求人者マイページのID（メールアドレス）をこのアドレスに変更する申込を受け付けました。',
      '各種設定画面で、次の認証キーを入力してください。',
      '',
      key,
      '',
      `認証キーの有効期間は${minutes(R_PW_7_MAILED_KEY_TTL_MS)}分間です。お心当たりのない場合は、このメールを破棄してください。`,
      FOOTER,
    ].join('\n'),
  };
}

/** Settings: told to the OLD address once the change is done. */
export function emailChangedMail(newLoginId: string): MailContent {
  return {
    subject: EMAIL_CHANGED_SUBJECT,
    body: [
      '求人者マイページのID（メールアドレス）が変更されました。',
      `新しいID: ${newLoginId}`,
      'ワンタイムパスワード入力を省略する設定は、すべての端末・ブラウザで解除されました。',
      'お心当たりのない場合は、管轄のハローワークにご連絡ください。',
      FOOTER,
    ].join('\n'),
  };
}

/**
 * Settings: the new address already names an account. Only its owner reads this; the person who
 * asked gets the same 202 as ever, so the change screen cannot be used to test addresses.
 */
export function emailTakenMail(): MailContent {
  return {
    subject: EMAIL_TAKEN_SUBJECT,
    body: [
      '求人者マイページのID（メールアドレス）を、このアドレスに変更する申込がありました。',
      'このアドレスは既にアカウントとして登録されているため、変更は行われていません。',
      'お心当たりのない場合は、このメールを破棄してください。',
      FOOTER,
    ].join('\n'),
  };
}
