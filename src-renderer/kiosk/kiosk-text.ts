import { errorText } from '../../src-shared/api/errors.js';
import type { HostError } from '../../src-shared/host.js';
import type { KioskRefusal } from '../../src-shared/kiosk-refusals.js';

/**
 * The kiosk shell's own words (端末登録, the idle overlay, the admin exit), Japanese first, and
 * those of main's refusals (`refusals`, one per code of src-shared/kiosk-refusals.ts): main sends
 * codes only.
 */
export const kioskText = {
  ja: {
    enrollTitle: '端末登録',
    enrollIntro: 'この端末を来所者端末として登録します。係員（IT担当者）が発行した登録コードを入力してください。',
    serviceUrl: 'サービスのURL',
    serviceUrlFromPolicy: '管理者のポリシーで設定されています。',
    code: '登録コード',
    enrollButton: '登録する',
    enrolling: '登録しています…',
    required: '入力してください。',
    basicTextTitle: 'この端末には OS の鍵保管庫がありません',
    basicText: (backend: string) =>
      `OS の鍵保管庫（キーリング）が使えないため（${backend}）、端末の秘密鍵は暗号化されず、キオスク用アカウントだけが読めるファイルに保存されます。IT担当者は docs/kiosk.md の対処方法をご確認ください。`,
    loading: '準備しています…',
    loadFailed: '端末の状態を読み込めませんでした。係員にお知らせください。',
    idleTitle: 'まもなく自動的にログアウトします',
    idleBody: (s: number) => `操作がないため、あと ${s} 秒で自動的にログアウトし、入力内容を消去します。`,
    idleCountdown: (s: number) => `あと ${s} 秒`,
    idleExtend: '延長する',
    offlineTitle: 'ただいまご利用いただけません',
    offlineBody: 'この端末からサービスに接続できません。お手数ですが、係員にお知らせください。',
    offlineRetrying: '接続が戻ると、自動的に元の画面に戻ります。入力した内容はそのまま残ります。',
    // R-FLEET-1: the service refuses this build.
    updateTitle: 'ただいまご利用いただけません',
    updateBody: 'この端末は更新が必要です。係員にお知らせください。',
    idleLogout: 'ログアウト',
    attestationNote: 'この端末を確認できなかったため、ワンタイムパスワードによる確認が必要です。',
    outsideBlocked: 'この端末では求人者マイページ外のページは開けません。ご自宅などの端末からご覧ください。',
    // Issue 21: the kiosk in a browser (npm start without Electron) says it is a preview.
    previewMark: 'プレビュー',
    previewNote: 'Electron を使わずにブラウザで表示しているキオスクです。所内の来所者端末ではありません。',
    // Issue 13: the on-screen keyboard and the display settings (文字サイズ・色合い).
    osk: {
      label: '画面キーボード',
      bksp: '削除',
      close: '閉じる',
      next: '次へ',
      shiftOn: '大文字',
      shiftOff: '小文字',
      symbols: '記号',
      abc: '英数',
    },
    display: {
      label: '表示の設定',
      textSize: '文字サイズ',
      standard: '標準',
      large: '大',
      xlarge: '特大',
      contrast: '色合い',
      inverted: '白黒反転',
    },
    adminTitle: '管理者による終了',
    adminPin: '管理者PIN',
    adminExit: '終了する',
    adminCancel: 'キャンセル',
    serviceUnreachable: 'サービスに接続できません。しばらく経ってから、もう一度お試しください。',
    refusals: {
      already_enrolled: 'この端末は登録済みです。',
      service_url_not_https: 'サービスのURLは https:// で始まる必要があります。',
      service_url_from_policy: 'サービスのURLは管理者のポリシーで決められています。',
      not_enrolled: 'この端末は登録されていません。係員にお知らせください。',
      admin_pin_invalid: 'PINが正しくありません。',
      admin_pin_locked: 'しばらく時間を空けてください。',
    } satisfies Record<KioskRefusal, string>,
  },
  en: {
    enrollTitle: 'Terminal enrollment',
    enrollIntro: 'Enroll this computer as an office terminal. Enter the enrollment code issued by IT staff.',
    serviceUrl: 'Service URL',
    serviceUrlFromPolicy: "Set by the administrator's policy.",
    code: 'Enrollment code',
    enrollButton: 'Enroll',
    enrolling: 'Enrolling…',
    required: 'Please enter this.',
    basicTextTitle: 'This computer has no OS key store',
    basicText: (backend: string) =>
      `No OS key store (keyring) is available (${backend}), so the terminal's private key is kept unencrypted in a file only the kiosk account can read. IT staff: see docs/kiosk.md for the remedy.`,
    loading: 'Starting…',
    loadFailed: 'The terminal state could not be read. Please tell the staff.',
    idleTitle: 'You will be logged out soon',
    idleBody: (s: number) => `No activity: in ${s} seconds you will be logged out and your input erased.`,
    idleCountdown: (s: number) => `${s} seconds left`,
    idleExtend: 'Extend',
    offlineTitle: 'The service is not available right now',
    offlineBody: 'This terminal cannot reach the service. Please tell the staff.',
    offlineRetrying: 'When the connection is back, the screen you were on returns by itself, with what you typed.',
    updateTitle: 'This terminal cannot be used right now',
    updateBody: 'This terminal needs an update. Please tell the staff.',
    idleLogout: 'Log out',
    attestationNote: 'This terminal could not be verified, so a one-time password is needed.',
    outsideBlocked: 'Pages outside My Page cannot be opened on this terminal. Please use your own device.',
    previewMark: 'Preview',
    previewNote: 'The kiosk shown in a browser, without Electron. This is not an office terminal.',
    osk: {
      label: 'On-screen keyboard',
      bksp: 'Delete',
      close: 'Close',
      next: 'Next',
      shiftOn: 'Upper case',
      shiftOff: 'Lower case',
      symbols: 'Symbols',
      abc: 'ABC',
    },
    display: {
      label: 'Display settings',
      textSize: 'Text size',
      standard: 'Standard',
      large: 'Large',
      xlarge: 'Extra large',
      contrast: 'Colours',
      inverted: 'Inverted',
    },
    adminTitle: 'Administrator exit',
    adminPin: 'Administrator PIN',
    adminExit: 'Exit',
    adminCancel: 'Cancel',
    serviceUnreachable: 'The service cannot be reached. Please try again later.',
    refusals: {
      already_enrolled: 'This terminal is already enrolled.',
      service_url_not_https: 'The service URL must start with https://.',
      service_url_from_policy: "The service URL is set by the administrator's policy.",
      not_enrolled: 'This terminal is not enrolled. Please tell the staff.',
      admin_pin_invalid: 'The PIN is incorrect.',
      admin_pin_locked: 'Please wait a while before trying again.',
    } satisfies Record<KioskRefusal, string>,
  },
} as const;
export type KioskLang = keyof typeof kioskText;

/**
 * The text of an answer on the kiosk's own screens (端末登録, the admin exit), in the shown
 * language: main's refusals by their code, the service's errors through the same catalog as the
 * shared screens (src-shared/api/errors.ts), `network_error` in the kiosk's words.
 */
export function kioskErrorText(e: HostError, lang: KioskLang): string {
  if (e.reason) return kioskText[lang].refusals[e.reason];
  if (e.error === 'network_error') return kioskText[lang].serviceUnreachable;
  const known = errorText[e.error] as { ja: string; en: string } | undefined;
  return known ? known[lang] : e.message;
}
