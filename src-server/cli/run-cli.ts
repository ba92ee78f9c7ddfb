import { parseArgs } from 'node:util';
import { AccountInputError } from '../accounts/accounts.service.js';
import { StaffInputError } from '../staff/staff-members.service.js';
import { CliError, type CliCommand, type CliIo } from './command.js';
import { commands } from './commands/index.js';

/** `mypage <command> [options]` (API.md, "Operating the service"). */
export function usage(): string {
  const lines = commands.map((c) => `  ${[c.name, c.usage].filter(Boolean).join(' ')}\n      ${c.summary}`);
  return [
    'usage: mypage <command> [options]',
    '',
    'commands:',
    ...lines,
    '',
    'environment: PORT (8080), HOST (127.0.0.1), DATABASE_URL (sqlite:data/mypage.sqlite | postgres://…),',
    '             SMTP_URL (unset: dev mailbox at /dev/mailbox), MAIL_FROM, PUBLIC_ORIGIN, NODE_ENV,',
    '             STAFF_PORT (unset: no staff console), STAFF_PUBLIC_ORIGIN (http://localhost:<STAFF_PORT>)',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.out : io.err)(usage());
    return name ? 0 : 2;
  }
  const command: CliCommand | undefined = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`mypage: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false })
      .values as Record<string, string | boolean | undefined>;
  } catch (err) {
    io.err(
      `mypage ${name}: ${err instanceof Error ? err.message : String(err)}\nusage: mypage ${name} ${command.usage}`,
    );
    return 2;
  }
  const missing = (command.required ?? []).filter((k) => typeof values[k] !== 'string' || values[k] === '');
  if (missing.length) {
    io.err(
      `mypage ${name}: missing ${missing.map((k) => `--${k}`).join(', ')}\nusage: mypage ${name} ${command.usage}`,
    );
    return 2;
  }
  try {
    return (await command.run(values, io)) ?? 0;
  } catch (err) {
    if (err instanceof CliError || err instanceof AccountInputError || err instanceof StaffInputError) {
      io.err(`mypage ${name}: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
