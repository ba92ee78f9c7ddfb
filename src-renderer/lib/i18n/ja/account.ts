/** Japanese: 求人者マイページホーム, 各種設定 and ログアウト. Seed wording exactly (docs/spec/seed-employer-mypage-login.ja.txt). */
const account = {
  home: {
    title: '求人者マイページホーム',
    honorific: (company: string) => `${company} 様`,
    office: '管轄安定所名',
    messages: '新着メッセージ',
    messagesCount: (n: number) => `${n}件`,
    tableCaption: '求人の状況',
    category: '求人区分',
    openings: '求人件数',
    hires: '採用人数',
    categories: { general: '一般', student: '学生', disabled: '障害者' },
    count: (n: number) => `${n}件`,
    people: (n: number) => `${n}名`,
    outside: '求人者マイページ外へリンクします。',
    events: 'イベント情報検索',
  },
  menu: { home: 'ホーム', settings: '各種設定', logout: 'ログアウト' },
  settings: {
    title: '各種設定',
    lead: '変更する項目を選んでください。',
    password: 'パスワード変更',
    email: 'ID（メールアドレス）変更',
    devices: 'ワンタイムパスワード入力の省略設定',
    withdraw: 'マイページ退会',
    currentPassword: '現在のパスワード',
    change: '変更する',
    passwordLead: '現在のパスワードと新しいパスワードを入力し、「変更する」ボタンをクリックしてください。',
    passwordDone:
      'パスワードを変更しました。ワンタイムパスワード入力を省略する設定はすべての端末・ブラウザで解除されました。',
    otpAgain:
      'IDまたはパスワードを各種設定画面から変更した場合、次回のログインからワンタイムパスワードの入力が必要です。',
    newId: '新しいID（メールアドレス）',
    emailLead:
      '新しいID（メールアドレス）と現在のパスワードを入力し、「次へ進む」ボタンをクリックしてください。新しいメールアドレス宛に認証キーが通知されます。',
    emailKeyTitle: '認証キー入力',
    emailKeyLead: '新しいメールアドレス宛に通知された「認証キー」を入力し、「送信」ボタンをクリックしてください。',
    emailDone: 'ID（メールアドレス）を変更しました。次回から新しいID（メールアドレス）でログインしてください。',
    devicesLead:
      'ワンタイムパスワード入力を省略する設定をしている端末・ブラウザの一覧です。「解除」ボタンをクリックすると、その端末・ブラウザでは次回のログインからワンタイムパスワードの入力が必要になります。',
    devicesCaption: '省略設定をしている端末・ブラウザ',
    deviceLabel: '端末・ブラウザ',
    deviceCreated: '設定日',
    deviceExpires: '有効期限',
    deviceAction: '操作',
    thisDevice: '（この端末・ブラウザ）',
    revoke: '解除',
    revokeNamed: (label: string) => `${label} の省略設定を解除`,
    revoked: (label: string) => `${label} のワンタイムパスワード入力の省略設定を解除しました。`,
    noDevices: 'ワンタイムパスワード入力を省略する設定をしている端末・ブラウザはありません。',
    withdrawLead:
      'マイページを退会すると、求人者マイページにログインできなくなります。退会後30日以内であれば、ログイン画面の「アカウントを再登録」から利用を再開できます。',
    withdrawButton: '退会する',
    withdrawAgree: '上記を確認し、マイページを退会します',
    withdrawDoneTitle: 'マイページ退会完了',
    withdrawDone: 'マイページを退会しました。',
  },
  logout: {
    title: 'ログアウト',
    done: 'ログアウトしました。',
    failed: 'ログアウトを確認できませんでした。共有端末の場合は、ブラウザを閉じてください。',
  },
};

export default account;
