/**
 * What the staff console says for each answer code of the staff API (and the browser's passkey
 * outcomes): what happened and what to do next. Input typed stays on the screen after every one.
 */
const errors = {
  invalid_request: '入力内容に誤りがあります。赤く表示された項目を確認して、もう一度お試しください。',
  registration_code_invalid:
    '職員IDまたは登録コードが正しくないか、登録コードの有効期限（24時間）が過ぎているか、すでに使われています。入力内容を確認してください。解決しない場合は、システム担当に新しい登録コードの発行を依頼してください。',
  staff_login_failed:
    'ログインできませんでした。職員IDを確認し、この職員IDで登録したパスキーで確認してください。パスキーをお持ちでない場合は、システム担当に登録コードの発行を依頼してください。',
  staff_unauthenticated: 'ログインの有効期限が切れました。もう一度ログインしてください。',
  staff_forbidden: 'この操作を行う権限がありません。必要な場合は、権限のある職員に依頼してください。',
  step_up_required:
    'パスキーでの確認ができなかったため、操作は行われていません。もう一度ボタンを押し、パスキーで確認してください。',
  not_reinstatable:
    'このアカウントは利用再開の対象ではありません（退会後31日以上が経過したアカウントだけが対象です）。画面を読み込み直して、状態を確認してください。',
  office_unknown: '指定された安定所は登録されていません。画面を読み込み直して、一覧から安定所を選択してください。',
  not_found: '該当するものが見つかりませんでした。検索し直してください。',
  rate_limited: '操作が集中しています。しばらく時間を空けてから、もう一度お試しください。',
  forbidden_origin: 'このページからは操作できません。職員コンソールのアドレスを開き直してください。',
  payload_too_large: '入力が長すぎます。メモを短くして、もう一度お試しください。',
  internal_error:
    'システムでエラーが発生しました。操作は完了していない可能性があります。時間を空けてもう一度お試しいただき、繰り返す場合はシステム担当に連絡してください。',
  service_unavailable: 'システムが一時的に利用できません。しばらく時間を空けてから、もう一度お試しください。',
  network_error:
    '通信エラーが発生しました。ネットワークの接続を確認して、もう一度お試しください。入力した内容は保持されています。',
  passkey_cancelled:
    'パスキーでの確認が取り消されたか、時間内に完了しませんでした。もう一度ボタンを押して、パスキーで確認してください。',
  signin_passkey_cancelled:
    'パスキーで確認できませんでした。職員IDが正しいか確認し、もう一度「ログイン」を押してパスキーで確認してください。この端末でまだパスキーを登録していない場合は、「はじめての方（パスキーの登録）」から登録してください（登録コードはシステム担当が発行します）。',
  passkey_unsupported:
    'このブラウザではパスキーを使えません。最新のChrome・Edge・Safari・Firefoxで開き直してください。',
  passkey_failed:
    'パスキーでの確認ができませんでした。もう一度お試しください。繰り返す場合はシステム担当に連絡してください。',
  unknown: (code: string) =>
    `操作を完了できませんでした（${code}）。もう一度お試しいただき、繰り返す場合はシステム担当に連絡してください。`,
};

export type StaffErrorCatalog = typeof errors;
export default errors;
