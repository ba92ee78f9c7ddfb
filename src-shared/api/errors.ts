import { z } from 'zod';

/**
 * Every error the service answers with (API.md: `{ error, message, ... }`). The codes are fixed by
 * the contract; the Japanese text is what the screen shows, the English text backs the language switch.
 */
export const errorCodes = [
  'invalid_request',
  'invalid_credentials',
  'locked',
  'withdrawn',
  'rate_limited',
  'otp_invalid',
  'otp_expired',
  'otp_exhausted',
  'otp_budget_exhausted',
  'unauthenticated',
  'password_policy',
  'password_mismatch',
  'key_invalid',
  'reregistration_expired',
  'enrollment_code_invalid',
  'attestation_invalid',
  'forbidden_origin',
  'not_found',
  'payload_too_large',
  'unsupported_media_type',
  'internal_error',
  'service_unavailable',
  // the staff console (issue 14)
  'registration_code_invalid',
  'staff_login_failed',
  'staff_unauthenticated',
  'staff_forbidden',
  'step_up_required',
  'not_reinstatable',
  'office_unknown',
  // R-FLEET-1: a kiosk build below the minimum version (issue 22)
  'kiosk_update_required',
  // R-DIAG-1: a kiosk's diagnostics upload that IT did not ask for
  'diagnostics_not_requested',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** The one status each error code is answered with (a path beyond any valid length is 414 `invalid_request`). */
export const errorStatus = {
  invalid_request: 400,
  invalid_credentials: 401,
  locked: 423,
  withdrawn: 403,
  rate_limited: 429,
  otp_invalid: 401,
  otp_expired: 410,
  otp_exhausted: 410,
  otp_budget_exhausted: 429,
  unauthenticated: 401,
  password_policy: 400,
  password_mismatch: 400,
  key_invalid: 401,
  reregistration_expired: 403,
  enrollment_code_invalid: 401,
  attestation_invalid: 401,
  forbidden_origin: 403,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal_error: 500,
  service_unavailable: 503,
  registration_code_invalid: 400,
  staff_login_failed: 401,
  staff_unauthenticated: 401,
  staff_forbidden: 403,
  step_up_required: 403,
  not_reinstatable: 409,
  office_unknown: 400,
  kiosk_update_required: 403,
  diagnostics_not_requested: 409,
} as const satisfies Record<ErrorCode, number>;

export const errorText: Record<ErrorCode, { ja: string; en: string }> = {
  invalid_request: {
    ja: '入力内容に誤りがあります。入力内容をご確認ください。',
    en: 'Some of the input is not valid. Please check it.',
  },
  invalid_credentials: {
    ja: 'ID（メールアドレス）またはパスワードが正しくありません。',
    en: 'The ID (e-mail address) or password is incorrect.',
  },
  locked: {
    ja: 'パスワード入力を5回誤ったため、ロックがかかりログインできません。30分程度時間を空けてお試しください。',
    en: 'The password was entered wrongly 5 times, so login is locked. Please try again in about 30 minutes.',
  },
  withdrawn: {
    ja: 'このアカウントは退会済みです。',
    en: 'This account has been withdrawn.',
  },
  rate_limited: {
    ja: 'しばらく時間を空けてから、もう一度お試しください。',
    en: 'Too many requests. Please wait a while and try again.',
  },
  otp_invalid: {
    ja: 'ワンタイムパスワードが正しくありません。',
    en: 'The one-time password is incorrect.',
  },
  otp_expired: {
    ja: 'ワンタイムパスワードの有効期間（30分間）を過ぎました。「求人者マイページログイン」画面に戻り、はじめからログインをやり直してください。',
    en: 'The one-time password has expired (valid for 30 minutes). Please go back to the login screen and start again.',
  },
  otp_exhausted: {
    ja: 'ワンタイムパスワード入力を10回誤ったため、ワンタイムパスワードが無効化されました。「求人者マイページログイン」画面に戻り、はじめからログインをやり直してください。',
    en: 'The one-time password was entered wrongly 10 times and is no longer valid. Please go back to the login screen and start again.',
  },
  otp_budget_exhausted: {
    ja: 'ワンタイムパスワードの送信または入力の回数が上限に達したため、現在ログインできません。しばらく時間を空けてから、もう一度お試しください。',
    en: 'The one-time password has been sent or entered too many times, so login is not possible right now. Please wait a while and try again.',
  },
  unauthenticated: {
    ja: 'ログインしていないか、ログインの有効期間が過ぎました。もう一度ログインしてください。',
    en: 'You are not logged in, or your session has expired. Please log in again.',
  },
  password_policy: {
    ja: 'パスワードは、半角数字、英字、記号を組み合わせ、8桁以上32桁以内で設定してください。',
    en: 'Use 8 to 32 half-width characters combining digits, letters and symbols.',
  },
  password_mismatch: {
    ja: '新しいパスワードと新しいパスワード（確認用）が一致しません。',
    en: 'The new password and its confirmation do not match.',
  },
  key_invalid: {
    ja: '認証キーが正しくないか、有効期間を過ぎています。はじめからやり直してください。',
    en: 'The authentication key is incorrect or has expired. Please start again.',
  },
  reregistration_expired: {
    ja: 'マイページ退会後31日以上が経過しているため、オンラインでの再登録はできません。マイページの利用を再開したい場合は、最寄りのハローワークまでご連絡ください。',
    en: 'More than 30 days have passed since withdrawal, so the account cannot be re-registered online. Please contact your nearest Hello Work office.',
  },
  enrollment_code_invalid: {
    ja: '登録コードが正しくないか、有効期間を過ぎています。',
    en: 'The enrollment code is incorrect or has expired.',
  },
  attestation_invalid: {
    ja: 'この端末を確認できませんでした。',
    en: 'This terminal could not be verified.',
  },
  forbidden_origin: {
    ja: 'このページからの操作は受け付けられません。画面を開き直してください。',
    en: 'Requests from this page are not accepted. Please reopen the screen.',
  },
  not_found: {
    ja: 'お探しのページは見つかりませんでした。',
    en: 'The page was not found.',
  },
  payload_too_large: {
    ja: '入力内容が大きすぎます。',
    en: 'The input is too large.',
  },
  unsupported_media_type: {
    ja: '送信形式が正しくありません。',
    en: 'The request format is not supported.',
  },
  internal_error: {
    ja: 'システムエラーが発生しました。しばらく経ってから、もう一度お試しください。',
    en: 'A system error occurred. Please try again later.',
  },
  service_unavailable: {
    ja: 'ただいま一時的にご利用いただけません。しばらく経ってから、もう一度お試しください。解決しない場合は、窓口の係員にお知らせください。入力した内容は保持されています。',
    en: 'The service is temporarily unavailable. Please try again shortly. If it keeps happening, please tell the staff at the counter. What you typed has been kept.',
  },
  registration_code_invalid: {
    ja: '職員IDまたは登録コードが正しくないか、有効期間を過ぎています。',
    en: 'The staff ID or registration code is incorrect or has expired.',
  },
  staff_login_failed: {
    ja: '職員IDまたはパスキーを確認できませんでした。もう一度お試しください。',
    en: 'The staff ID or passkey could not be verified. Please try again.',
  },
  staff_unauthenticated: {
    ja: 'ログインしていないか、ログインの有効期間が過ぎました。もう一度職員ログインしてください。',
    en: 'You are not signed in, or your session has expired. Please sign in again.',
  },
  staff_forbidden: {
    ja: 'この操作を行う権限がありません。',
    en: 'You are not allowed to do this.',
  },
  step_up_required: {
    ja: 'この操作には、パスキーでの本人確認がもう一度必要です。',
    en: 'This action needs your passkey again.',
  },
  not_reinstatable: {
    ja: 'このアカウントは利用再開の対象ではありません（退会後31日以上が経過したアカウントだけが対象です）。',
    en: 'This account cannot be reinstated (only accounts withdrawn 31 or more days ago can).',
  },
  office_unknown: {
    ja: '指定された安定所は登録されていません。一覧から選択してください。',
    en: 'That office is not registered. Please choose one from the list.',
  },
  kiosk_update_required: {
    ja: 'この端末は更新が必要です。係員にお知らせください。',
    en: 'This terminal needs an update. Please tell the staff.',
  },
  diagnostics_not_requested: {
    ja: 'この端末の診断情報は求められていません。',
    en: 'Diagnostics were not requested from this terminal.',
  },
};

/** The body of every error answer. Extra fields (retryAfterSeconds, attemptsLeft, …) ride along. */
export const ErrorBody = z
  .object({
    error: z.enum(errorCodes),
    message: z.string(),
    retryAfterSeconds: z.number().int().nonnegative().optional(),
    attemptsLeft: z.number().int().nonnegative().optional(),
    reregistrable: z.boolean().optional(),
    violations: z.array(z.string()).optional(),
    fields: z.array(z.string()).optional(),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;
