/**
 * 監査ログ's words (日本語): the screen, its filter, and each detail an event may show — the keys
 * and the coded values (src-server/staff-desk/audit-detail.ts lists both; test/shared/audit-detail-words.test.ts
 * fails when either catalog lacks one). The events' own words: ./events-ja.ts.
 */
const audit = {
  title: '監査ログ',
  lead: '職員・求人者・端末の操作の記録です。新しい順に表示します。「表示する記録」で種類を選び、職員の操作は職員IDでも絞り込めます。',
  filter: '監査ログの絞り込み',
  kind: '表示する記録',
  kinds: { staff: '職員の操作', employer: '求人者の操作', kiosk: '端末の記録', all: 'すべての記録' },
  staffFilter: '職員ID',
  staffFilterHint: '例：S1234567（空欄のときは、すべての職員の操作）',
  staffFilterInvalid: '職員IDは、Sと数字7桁で入力してください（例：S1234567）。',
  apply: '絞り込む',
  showing: (kind: string, staffId: string) =>
    staffId ? `${kind}のうち、職員ID ${staffId} の記録を表示しています。` : `${kind}を表示しています。`,
  at: '日時',
  staff: '職員',
  what: '操作',
  detail: '内容',
  more: 'さらに表示',
  detailKeys: {
    label: '端末名',
    office: '安定所',
    documentKind: '確認書類',
    company: '事業所名',
    note: 'メモ',
    terminalId: '端末ID',
    version: '最低バージョン',
    previous: '変更前の最低バージョン',
    wasLocked: 'ロック中だった',
    staffId: '職員ID',
    role: '役割',
    mailed: 'メール送信',
    by: '実施者',
    reason: '理由',
    keyUsed: '端末の鍵による署名',
    sessionsEnded: '終了したログイン',
    others: '同じ機体IDの端末',
    offlineMs: '通信できなかった時間',
    bytes: 'サイズ（バイト）',
    noteRecorded: 'メモの記録',
    kind: '利用場所',
    surface: '画面',
    source: '入力元',
    wrong: 'ワンタイムパスワードの誤り',
    mails: 'ワンタイムパスワードの送信',
  } as Record<string, string>,
  /** The words for coded values, by detail key. */
  values: {
    surface: { login: 'ログイン', reregistration: 'アカウント再登録', settings: '各種設定' },
    source: {
      terminal: '所内端末',
      browser: '記憶されたブラウザ',
      anywhere: 'その他（記憶されていない端末・ブラウザ）',
    },
    kind: { web: 'ブラウザ', kiosk: '所内端末' },
    by: { staff: '窓口職員（職員コンソール）', cli: 'システム担当（コマンド）' },
    reason: {
      nonce_invalid: '使用済みまたは期限切れの確認値',
      unknown_terminal: '登録されていない端末',
      terminal_revoked: '失効した端末',
      bad_signature: '署名が正しくない',
      no_verifier: '端末の認証を行わない設定',
      limited: '試行回数の上限',
      challenge: '確認の期限切れまたは使用済み',
      credential: '登録されていないパスキー',
      assertion: 'パスキーの確認の失敗',
      counter: 'パスキーの複製の疑い',
    },
  } as Record<string, Record<string, string>>,
  count: (n: number) => `${n}件`,
  times: (n: number) => `${n}回`,
  duration: (ms: number) =>
    ms < 60_000 ? `${Math.max(1, Math.round(ms / 1000))}秒` : `約${Math.round(ms / 60_000)}分`,
  roles: { office: '窓口職員', it: 'システム担当職員' } as Record<string, string>,
  yes: 'はい',
  no: 'いいえ',
  none: '該当する記録はありません。',
};

export default audit;
