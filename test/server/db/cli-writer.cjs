// A `mypage` CLI-style writer in its own process: its own SQLite connection, short write
// transactions back to back (BEGIN IMMEDIATE … COMMIT, as the CLI's openDatabase does) until
// killed. Prints "writing" once it holds its first write.
const Database = require('better-sqlite3');
const [file] = process.argv.slice(2);
const db = new Database(file);
db.pragma('busy_timeout = 5000');
const insert = db.prepare(
  "insert into audit_events (id, at, type, account_id, login_id, ip, detail) values (?, ?, 'cli.test_write', null, null, null, '{}')",
);
let n = 0;
let announced = false;
function burst() {
  db.exec('begin immediate');
  for (let i = 0; i < 20; i++) insert.run(`cli-${process.pid}-${n++}`, Date.now());
  // Hold the write lock a moment, as a real command's transaction would.
  const until = Date.now() + 3;
  while (Date.now() < until);
  db.exec('commit');
  if (!announced) {
    announced = true;
    process.stdout.write('writing\n');
  }
  setTimeout(burst, 5);
}
burst();
