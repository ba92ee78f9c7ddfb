#!/usr/bin/env node
import type { CliIo } from './command.js';
import { runCli } from './run-cli.js';

/** The `mypage` command's entry (bin/mypage.js and `npm run mypage` run it). */
const io: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l), env: process.env };
const code = await runCli(process.argv.slice(2), io).catch((err: unknown) => {
  console.error(err);
  return 1;
});
// `serve` keeps running (its server holds the event loop); everything else ends here.
if (code !== 0 || process.argv[2] !== 'serve') process.exit(code);
