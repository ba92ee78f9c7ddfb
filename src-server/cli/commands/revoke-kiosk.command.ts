import { CliError, type CliCommand } from '../command.js';

/** Stub: the kiosk feature (src-server/kiosk/) fills this in. */
export const revokeKioskCommand: CliCommand = {
  name: 'revoke-kiosk',
  usage: '--terminal ID',
  summary: 'revokes one terminal',
  options: { terminal: { type: 'string' } },
  required: ['terminal'],
  async run() {
    throw new CliError('not implemented yet (kiosk feature)');
  },
};
