import { CliError, type CliCommand } from '../command.js';

/** Stub: the kiosk feature (src-server/kiosk/) fills this in. */
export const kiosksCommand: CliCommand = {
  name: 'kiosks',
  usage: '',
  summary: 'lists the terminals with office, label, version, last seen',
  options: {},
  async run() {
    throw new CliError('not implemented yet (kiosk feature)');
  },
};
