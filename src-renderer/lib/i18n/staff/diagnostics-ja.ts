/**
 * 診断情報 (R-DIAG-1) in a terminal's 詳細 of 端末一覧 (日本語); ./diagnostics-en.ts has the same shape.
 */
const diagnostics = {
  heading: '診断情報',
  lead: '端末に診断情報（動作の記録・設定・バージョン・画面消去の結果・通信断の記録）を求めます。端末は次の定期通知（5分以内）のあとに送ります。利用者の入力・ID・パスワードなどは端末とサーバーの両方で取り除かれます。14日間、端末ごとに最新3件まで保存します。',
  request: '診断情報を取得',
  requestLabel: (label: string) => `${label}の診断情報を取得`,
  refresh: '最新の状態を表示',
  requested: (at: string) => `${at}に取得を依頼しました。端末の次の定期通知のあとに届きます。`,
  requestedNotice: (label: string) =>
    `「${label}」に診断情報を求めました。5分ほどで届きます。「最新の状態を表示」で確認してください。`,
  none: 'この端末の診断情報はありません。',
  bundle: (at: string) => `${at}に受信`,
  collectedAt: '端末での作成日時',
  version: 'バージョン',
  size: 'サイズ',
  bytes: (n: number) => `${n.toLocaleString('ja-JP')}バイト`,
  log: (n: number) => `動作の記録（新しい順、${n}行）`,
  logAt: '日時',
  logLevel: '種別',
  logMessage: '内容',
  levels: { info: '情報', warn: '注意', error: 'エラー' } as Record<string, string>,
  policy: '設定',
  fromPolicy: '（ポリシーで固定）',
  wipes: '画面消去の結果（新しい順）',
  wipeReason: '理由',
  wipeSteps: '手順',
  wipeLeftovers: '残ったもの',
  wipeRestarted: '再起動',
  noneLeft: 'なし',
  offline: '通信断の記録（新しい順）',
  offlineFrom: '開始',
  offlineTo: '終了',
  stillOffline: '継続中',
  empty: '記録なし',
};

export default diagnostics;
