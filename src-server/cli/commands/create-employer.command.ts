import { createEmployer } from '../../accounts/accounts.service.js';
import { cliClock, str, withDatabase, type CliCommand } from '../command.js';

export const createEmployerCommand: CliCommand = {
  name: 'create-employer',
  usage: '--id EMAIL --password P --company NAME --office NAME',
  summary: 'creates one employer account (the password must meet R-PW-4)',
  options: {
    id: { type: 'string' },
    password: { type: 'string' },
    company: { type: 'string' },
    office: { type: 'string' },
  },
  required: ['id', 'password', 'company', 'office'],
  async run(values, io) {
    const r = await withDatabase(io.env, (db) =>
      createEmployer(db, cliClock(io.env), {
        id: str(values, 'id'),
        password: str(values, 'password'),
        company: str(values, 'company'),
        office: str(values, 'office'),
      }),
    );
    io.out(`created ${r.loginId}`);
  },
};
