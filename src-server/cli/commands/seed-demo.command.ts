import { DEMO, seedDemo } from '../../home/demo-seed.js';
import { cliClock, withDatabase, type CliCommand } from '../command.js';

export const seedDemoCommand: CliCommand = {
  name: 'seed-demo',
  usage: '',
  summary: 'the seed\'s example: 株式会社 ハローワークア, 飯田橋公共職業安定所, 100 new messages, 一般 3件 9名',
  options: {},
  async run(_values, io) {
    const created = await withDatabase(io.env, (db) => seedDemo(db, cliClock(io.env)));
    io.out(created ? 'demo data created' : 'demo data exists already');
    io.out(`  ID（メールアドレス）: ${DEMO.id}`);
    io.out(`  パスワード:           ${DEMO.password}`);
  },
};
