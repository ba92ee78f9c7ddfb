import { jstText, NOTICE_FOOTER, type MailContent } from '../mail/mail-templates.js';

export const FLEET_ALERT_SUBJECT = '来所者端末の状態通知';

/**
 * R-FLEET-2: one office's change, one mail: the terminals that went 応答なし and those heard from
 * again, by their 端末名 (IT's labels), sorted; never a visitor's data.
 */
export function fleetAlertMail(input: {
  office: string;
  at: Date;
  silent: string[];
  back: string[];
  silentMinutes: number;
}): MailContent {
  const list = (labels: string[]) => [...labels].sort((a, b) => a.localeCompare(b, 'ja')).map((l) => `・${l}`);
  const lines = [`${input.office} の来所者端末の状態が変わりました（${jstText(input.at)}、日本時間）。`, ''];
  if (input.silent.length)
    lines.push(
      `応答なし（${input.silentMinutes}分以上ハートビートがありません）: ${input.silent.length}台`,
      ...list(input.silent),
      '',
    );
  if (input.back.length)
    lines.push(`復旧（ハートビートが再開しました）: ${input.back.length}台`, ...list(input.back), '');
  lines.push('職員コンソールの「端末一覧」で、各端末の状態を確認できます。', NOTICE_FOOTER);
  const counts = [
    input.silent.length ? `応答なし${input.silent.length}台` : '',
    input.back.length ? `復旧${input.back.length}台` : '',
  ]
    .filter(Boolean)
    .join('・');
  return { subject: `${FLEET_ALERT_SUBJECT}：${input.office}（${counts}）`, body: lines.join('\n') };
}
