import { DEMO, seedDemo } from '../../home/demo-seed.js';
import { seedDemoStaff } from '../../staff/demo-staff.js';
import { cliClock, withDatabase, type CliCommand } from '../command.js';

export const seedDemoCommand: CliCommand = {
  name: 'seed-demo',
  usage: '',
  summary:
    "the seed's example: 株式会社 ハローワークア, 飯田橋公共職業安定所, 100 new messages, 一般 3件 9名; and one demo staff member per role",
  options: {},
  async run(_values, io) {
    const { created, staff } = await withDatabase(io.env, async (db) => ({
      created: await seedDemo(db, cliClock(io.env)),
      staff: await seedDemoStaff(db, cliClock(io.env)),
    }));
    io.out(created ? 'demo data created' : 'demo data exists already');
    io.out(`  ID（メールアドレス）: ${DEMO.id}`);
    io.out(`  パスワード:           ${DEMO.password}`);
    io.out('demo staff (staff console, STAFF_PORT):');
    for (const s of staff) {
      const who = `${s.name}（${s.role === 'office' ? `窓口 · ${s.office}` : 'IT'}）`;
      io.out(`  職員ID: ${s.staffId}  ${who}`);
      io.out(
        'code' in s
          ? `    登録コード: ${s.code} (single use, until ${s.expiresAt.toISOString()})`
          : '    passkey registered',
      );
    }
  },
};
