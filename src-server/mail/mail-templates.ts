import {
  R_LOGIN_2_OTP_DIGITS,
  R_LOGIN_3_LOCK_MS,
  R_OTP_1_TTL_MS,
  R_OTP_3_DEVICE_TRUST_MS,
  R_OTP_8_MAX_OTP_MAILS,
  R_OTP_8_MAX_WRONG_OTPS,
} from '../../src-shared/rules.js';

/**
 * The mails of the seed. Subjects keep the seed's names; a code or key stands alone on its own
 * line (API.md, "Mail") so a person can copy it and a program can find it.
 */
export interface MailContent {
  subject: string;
  body: string;
}

/** The footer of a mail that carries a code or a key: one not asked for can be thrown away. */
export const FOOTER = [
  '',
  '※このメールは送信専用です。心当たりのない場合は、このメールを破棄してください。',
  'ハローワークインターネットサービス',
].join('\n');

/**
 * The footer of a security notice (a lock, a remembered browser, a changed password): its body
 * says what to do if it was not you, so the footer must not say "throw it away".
 */
export const NOTICE_FOOTER = ['', '※このメールは送信専用です。', 'ハローワークインターネットサービス'].join('\n');

const minutes = (ms: number) => Math.round(ms / 60_000);

export function otpMail(otp: string): MailContent {
  if (otp.length !== R_LOGIN_2_OTP_DIGITS) throw new Error('OTP length');
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
      'お心当たりのない場合は、第三者がログインを試みた可能性があります。「パスワードをお忘れの方」からパスワードを再登録してください。',
      NOTICE_FOOTER,
    ].join('\n'),
  };
}

/** The time a person reads in the mails: Japan Standard Time, e.g. 2026年12月1日 21時05分. */
export function jstText(at: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('ja-JP', {
      timeZone: 'Asia/Tokyo',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}年${p.month}月${p.day}日 ${p.hour}時${p.minute}分`;
}

export const DEVICE_TRUST_SUBJECT = 'ワンタイムパスワード省略設定通知';

/** R-OTP-9: a browser was remembered (R-OTP-3): which one, when, and where to revoke it. */
export function deviceTrustMail(label: string, at: Date): MailContent {
  return {
    subject: DEVICE_TRUST_SUBJECT,
    body: [
      `次の端末・ブラウザで、ワンタイムパスワード入力を省略する設定が行われました（${Math.round(R_OTP_3_DEVICE_TRUST_MS / 86_400_000)}日間有効）。`,
      '',
      `端末・ブラウザ: ${label}`,
      `設定日時: ${jstText(at)}（日本時間）`,
      '',
      '設定は「各種設定 > ワンタイムパスワード入力の省略設定」から、いつでも解除できます。',
      'お心当たりのない場合は、各種設定画面から設定を解除し、パスワードを変更してください。',
      NOTICE_FOOTER,
    ].join('\n'),
  };
}

export const OTP_BUDGET_SUBJECT = 'ワンタイムパスワード入力制限通知';

/** R-OTP-8: the account's OTP budget of the hour ran out (sent at most once an hour). */
export function otpBudgetMail(): MailContent {
  return {
    subject: OTP_BUDGET_SUBJECT,
    body: [
      '求人者マイページへのログインで、ワンタイムパスワードの送信または入力が短時間に繰り返されたため、しばらくの間ログインを制限しています。',
      `ワンタイムパスワードの入力誤りが1時間に${R_OTP_8_MAX_WRONG_OTPS}回、または送信が1時間に${R_OTP_8_MAX_OTP_MAILS}回に達すると、制限がかかります。`,
      '時間を空けてから、もう一度お試しください。',
      'お心当たりのない場合は、第三者がパスワードを知ってログインを試みた可能性があります。「パスワードをお忘れの方」からパスワードを再登録してください。',
      NOTICE_FOOTER,
    ].join('\n'),
  };
}
