/** Japanese: the frame every screen shares: language switch, header and footer, common words, mail guidance, errors. Seed wording exactly (docs/spec/seed-employer-mypage-login.ja.txt). */
const site = {
  lang: { ja: '日本語', en: 'English', label: '表示言語' },
  site: {
    en: 'HelloWork Internet Service',
    name: 'ハローワーク インターネットサービス',
    mypage: '求人者マイページ',
    skip: '本文へ移動',
    top: 'トップ',
    breadcrumb: 'パンくずリスト',
    nav: '求人者マイページメニュー',
    footerNav: 'サイト情報',
    footer: [
      'リンク集',
      'サイトマップ',
      'サイトポリシー',
      'プライバシーポリシー',
      '利用規約',
      'よくあるご質問',
      'お問い合わせ先',
      '所在地情報',
    ],
    copyright: 'All rights reserved. Copyright (C) Employment Security Bureau, Ministry of Health, Labour and Welfare',
    pageTop: 'ページ最上へ',
    newWindow: '（新しいウィンドウで開きます）',
    titleSuffix: '｜ハローワークインターネットサービス',
  },
  common: {
    required: '必須',
    cancel: 'キャンセル',
    next: '次へ進む',
    send: '送信',
    ok: 'OK',
    done: '完了',
    sending: '送信しています。しばらくお待ちください。',
    loading: '読み込んでいます。',
    attention: '注意',
    backToLogin: '「求人者マイページログイン」画面に戻る',
    toLogin: 'ログイン画面へ',
    toHome: '求人者マイページホームへ',
    errorHeading: '入力内容をご確認ください',
    show: '表示する',
    hide: '隠す',
    capsLock: 'Caps Lock がオンになっています。大文字・小文字にご注意ください。',
    fullWidthId: '全角文字が含まれています。ID（メールアドレス）は半角で入力してください。',
    fullWidthPassword: '全角文字が含まれています。パスワードは半角で入力してください。',
    fullWidthKey: '全角文字が含まれています。半角で入力してください。',
    enterField: (label: string) => `「${label}」を入力してください。`,
    checkField: (label: string) => `「${label}」にチェックを入れてください。`,
    emailFormat: 'ID（メールアドレス）の形式が正しくありません。例：name@example.jp',
    retryAfter: (minutes: number) => `あと約${minutes}分でお試しいただけます。`,
    attemptsLeft: (n: number) => `あと${n}回入力できます。10回誤るとワンタイムパスワードが無効になります。`,
  },
  mail: {
    heading: 'メールアドレスにメールが届かない場合',
    resetBody: (from: string) =>
      `しばらく経ってもメールが届かない場合は、メール受信制限の設定内容と入力したメールアドレスが正しいかをご確認ください。メール受信制限をされている方は、${from} からのメール受信を許可し、はじめからパスワード再登録申込をやり直してください。`,
    keyBody: (from: string) =>
      `しばらく経ってもメールが届かない場合は、メール受信制限の設定内容と入力したメールアドレスが正しいかをご確認ください。メール受信制限をされている方は、${from} からのメール受信を許可し、はじめからやり直してください。`,
  },
  errors: {
    network_error:
      '通信エラーが発生しました。通信環境をご確認のうえ、もう一度お試しください。入力した内容は保持されています。',
    notFoundTitle: 'ページが見つかりません',
    sessionEnded: 'ログインの有効期間が過ぎたか、ログアウトしました。もう一度ログインしてください。',
  },
};

export default site;
