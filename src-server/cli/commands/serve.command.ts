import { loadConfig } from '../../config.js';
import { devMailboxServed } from '../../mail/dev-mailbox.routes.js';
import { startServer } from '../../server.js';
import { cliClock, type CliCommand } from '../command.js';

export const serveCommand: CliCommand = {
  name: 'serve',
  usage: '',
  summary: 'migrates, then serves the API and the web screens at /, and the staff console on STAFF_PORT when set',
  options: {},
  async run(_values, io) {
    const config = loadConfig(io.env);
    const server = await startServer(config, { clock: cliClock(io.env), handleSignals: true });
    const db = config.databaseUrl.startsWith('sqlite:')
      ? `SQLite at ${config.databaseUrl.slice('sqlite:'.length)}`
      : 'PostgreSQL';
    io.out(`mypage: serving ${server.url}/ (database: ${db})`);
    io.out(`  API:      ${server.url}/api/v1/meta · contract: ${server.url}/api/openapi.json`);
    if (server.staff)
      io.out(
        `  staff:    the staff console listens on ${server.staff.url}; open ${config.staffPublicOrigin}/ (passkeys work on that origin only)`,
      );
    if (config.smtpUrl)
      io.out(
        `  mail:     SMTP ${new URL(config.smtpUrl).host}, from ${config.mailFrom}, ${config.smtpMaxConnections} connections`,
      );
    else if (devMailboxServed(config))
      io.out(`  mail:     no SMTP_URL, so mail goes to the dev mailbox: ${server.url}/dev/mailbox`);
    else if (!config.production)
      io.out(
        `  mail:     no SMTP_URL, and the dev mailbox is off: HOST ${config.host} is not loopback or a proxy is configured (it would show every code to the network); mail stays in the outbox until SMTP_URL is set`,
      );
    else io.out('  mail:     no SMTP_URL in production: mail stays in the outbox until SMTP_URL is set');
    if (config.rateLimitPerMinute === 0) io.out('  limits:   per-IP limits off (RATE_LIMIT_PER_MINUTE=0)');
    else if (config.redisUrl)
      io.out(
        `  limits:   ${config.rateLimitPerMinute}/min per IP, shared through Redis at ${new URL(config.redisUrl).host}`,
      );
    else
      io.out(
        `  limits:   ${config.rateLimitPerMinute}/min per IP, in this process (set REDIS_URL to share them across instances)`,
      );
    io.out('  stop:     Ctrl+C');
  },
};
