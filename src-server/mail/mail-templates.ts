import { OTP_DIGITS, R_LOGIN_3_LOCK_MS, R_OTP_1_TTL_MS, R_OTP_3_DEVICE_TRUST_MS } from '../../src-shared/rules.js';

/**
 * The mails of the seed. Subjects keep the seed's names; a code or key stands alone on its own
 * line (API.md, "Mail") so a person can copy it and a program can find it.
 */
export interface MailContent {
  subject: string;
  body: string;
}

const FOOTER = [
  '',
  '※このメールは送信専用です。心当たりのない場合は、このメールを破棄してください。',
  'ハローワークインターネットサービス',
].join('\n');

const minutes = (ms: number) => Math.round(ms / 60_000);

export function otpMail(otp: string): MailContent {
  if (otp.length !== OTP_DIGITS) throw new Error('OTP length');
  return {
    subject: 'ワンタイムパスワード通知',
    body: [
      '求人者マイページへのログインに必要なワンタイムパスワードをお知らせします。',
      '「ワンタイムパスワード入力」画面で、次のワンタイムパスワードを入力してください。',
      '',
      otp,
      '',
      `ワンタイムパスワードの有効期間は${minutes(R_OTP_1_TTL_MS)}分間です。`,
      '入力を10回誤ると無効になります。その場合は、はじめからログインをやり直してください。',
      FOOTER,
    ].join('\n'),
  };
}

export function lockedMail(): MailContent {
  return {
    subject: 'アカウントロック通知',
    body: [
      '求人者マイページへのログインで、パスワード入力を5回誤ったため、アカウントにロックがかかりました。',
      `${minutes(R_LOGIN_3_LOCK_MS)}分程度時間を空けてからお試しください。`,
      'パスワードをお忘れの場合は、ログイン画面の「パスワードをお忘れの方」から再登録できます（再登録が完了するとロックは解除されます）。',
      'お心当たりのない場合は、第三者がログインを試みた可能性があります。',
      FOOTER,
    ].join('\n'),
  };
}

export function deviceTrustMail(label: string): MailContent {
  return {
    subject: 'ワンタイムパスワード省略設定通知',
    body: [
      `次の端末・ブラウザで、ワンタイムパスワード入力を省略する設定が行われました（${Math.round(R_OTP_3_DEVICE_TRUST_MS / 86_400_000)}日間有効）。`,
      '',
      label,
      '',
      'お心当たりのない場合は、各種設定画面から設定を解除し、パスワードを変更してください。',
      FOOTER,
    ].join('\n'),
  };
}
