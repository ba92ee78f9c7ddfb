import type { CliCommand } from '../command.js';
import { createEmployerCommand } from './create-employer.command.js';
import { createStaffCommand } from './create-staff.command.js';
import { enrollCodeCommand } from './enroll-code.command.js';
import { kiosksCommand } from './kiosks.command.js';
import { migrateCommand } from './migrate.command.js';
import { revokeKioskCommand } from './revoke-kiosk.command.js';
import { seedDemoCommand } from './seed-demo.command.js';
import { staffCodeCommand } from './staff-code.command.js';
import { disableStaffCommand } from './disable-staff.command.js';
import { serveCommand } from './serve.command.js';
import { sweepCommand } from './sweep.command.js';
import { unlockCommand } from './unlock.command.js';
import { withdrawCommand } from './withdraw.command.js';

/** Every `mypage` command, in the order `mypage --help` lists them. One file per command. */
export const commands: CliCommand[] = [
  serveCommand,
  migrateCommand,
  seedDemoCommand,
  createEmployerCommand,
  withdrawCommand,
  unlockCommand,
  enrollCodeCommand,
  kiosksCommand,
  revokeKioskCommand,
  createStaffCommand,
  staffCodeCommand,
  disableStaffCommand,
  sweepCommand,
];
