import { CliError, type CliCommand } from '../command.js';

/** Stub: the kiosk feature (src-server/kiosk/) fills this in. */
export const enrollCodeCommand: CliCommand = {
  name: 'enroll-code',
  usage: '--office NAME --label TEXT',
  summary: 'prints a one-time kiosk enrollment code (24 h)',
  options: { office: { type: 'string' }, label: { type: 'string' } },
  required: ['office', 'label'],
  async run() {
    throw new CliError('not implemented yet (kiosk feature)');
  },
};
