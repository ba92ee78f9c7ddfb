import type { RegisterRoutes } from '../http/register-routes.js';
import { isLoopbackHost, type Config } from '../config.js';
import { latestMail } from './mail.service.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Without SMTP_URL the outbox is the mailbox: a plain page at /dev/mailbox lists the latest mail,
 * newest first, so a person running `mypage serve` can read their OTP. Never in production, and
 * never when the service listens beyond this machine (HOST not loopback) or sits behind a proxy
 * (PUBLIC_ORIGIN, TRUST_PROXY): it shows every code to whoever asks. `serve` then says it is off.
 */
export function devMailboxServed(
  config: Pick<Config, 'production' | 'smtpUrl' | 'host' | 'publicOrigin' | 'trustProxy'>,
): boolean {
  return (
    !config.production &&
    !config.smtpUrl &&
    isLoopbackHost(config.host) &&
    !config.publicOrigin &&
    config.trustProxy === false
  );
}

export const devMailboxRoutes: RegisterRoutes = (app, deps) => {
  if (!devMailboxServed(deps.config)) return;
  app.get('/dev/mailbox', { schema: { hide: true } }, async (_request, reply) => {
    const rows = await latestMail(deps.db, 50);
    const items = rows
      .map(
        (r) =>
          `<article><h2>${escape(r.subject)}</h2><p>To: ${escape(r.to_address)} · ${new Date(r.created_at).toISOString()}</p><pre>${escape(r.body)}</pre></article>`,
      )
      .join('\n');
    const html = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>開発用メールボックス</title></head><body><h1>開発用メールボックス (dev mailbox)</h1><p>SMTP_URL が未設定のため、送信メールをここに表示します。</p>${items || '<p>メールはありません。</p>'}</body></html>`;
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });
};
