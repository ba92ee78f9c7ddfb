import fs from 'node:fs';
import path from 'node:path';
import { redactDiagnostics, redactText } from '../../../src-shared/diagnostics-redaction.js';
import { R_DIAG_1_LOG_FILE_BYTES, R_DIAG_1_LOG_FILES } from '../../../src-shared/rules.js';
import type { Logger } from '../ports.js';

/** One line of the kiosk's log (JSON lines): when, how bad, what, and the facts logged with it. */
export type LogEntry = {
  at: string;
  level: 'info' | 'warn' | 'error';
  msg: string;
  data?: Record<string, unknown>;
};

/** The file operations the log needs (node:fs in the glue: `nodeLogFs`; a temp dir in tests). */
export interface LogFs {
  append(file: string, text: string): void;
  /** The file's size in bytes; 0 when it does not exist. */
  size(file: string): number;
  rename(from: string, to: string): void;
  remove(file: string): void;
  /** The file's text; '' when it does not exist. */
  read(file: string): string;
  makeDir(dir: string): void;
}

export const nodeLogFs: LogFs = {
  append: (file, text) => fs.appendFileSync(file, text, { encoding: 'utf8', mode: 0o600 }),
  size: (file) => fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0,
  rename: (from, to) => fs.renameSync(from, to),
  remove: (file) => fs.rmSync(file, { force: true }),
  read: (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''),
  makeDir: (dir) => fs.mkdirSync(dir, { recursive: true, mode: 0o700 }),
};

export type RotatingLogOptions = {
  fs: LogFs;
  /** The folder of `kiosk.log` (log-location.ts). */
  dir: string;
  clock: { now(): number };
  /** Each file's size before it rotates, and how many files in all (kiosk.log, kiosk.log.1 … .4). */
  maxBytes?: number;
  files?: number;
  /** Where each line goes as well (the console). */
  also?: Logger;
};

/**
 * R-DIAG-1: the kiosk's structured log — JSON lines in `dir/kiosk.log`, rotating at 1 MiB through
 * 5 files (`kiosk.log.1` the newest old one). Each line is redacted before it is written (the
 * Logger's rule already forbids secrets; this is the net under it). Writing never throws: a full
 * disk must not stop the kiosk. `tail(n)` reads the last `n` lines back, oldest first, for a
 * diagnostics bundle.
 */
export function createRotatingLog(opts: RotatingLogOptions): Logger & { tail(n: number): LogEntry[]; file: string } {
  const maxBytes = opts.maxBytes ?? R_DIAG_1_LOG_FILE_BYTES;
  const files = opts.files ?? R_DIAG_1_LOG_FILES;
  const file = path.join(opts.dir, 'kiosk.log');
  const nth = (i: number) => (i === 0 ? file : `${file}.${i}`);
  let size: number | undefined; // of the current file, once known

  const rotate = () => {
    opts.fs.remove(nth(files - 1));
    for (let i = files - 2; i >= 0; i--) if (opts.fs.size(nth(i)) > 0) opts.fs.rename(nth(i), nth(i + 1));
    size = 0;
  };

  const write = (level: LogEntry['level'], msg: string, data?: Record<string, unknown>) => {
    const entry: LogEntry = { at: new Date(opts.clock.now()).toISOString(), level, msg: redactText(msg) };
    if (data && Object.keys(data).length) entry.data = redactDiagnostics(data);
    const line = `${JSON.stringify(entry)}\n`;
    const bytes = Buffer.byteLength(line, 'utf8');
    try {
      if (size === undefined) {
        opts.fs.makeDir(opts.dir);
        size = opts.fs.size(file);
      }
      if (size > 0 && size + bytes > maxBytes) rotate();
      opts.fs.append(file, line);
      size += bytes;
    } catch {
      size = undefined; // look again at the next line
    }
  };

  return {
    file,
    info(m, d) {
      write('info', m, d);
      opts.also?.info(m, d);
    },
    warn(m, d) {
      write('warn', m, d);
      opts.also?.warn(m, d);
    },
    error(m, d) {
      write('error', m, d);
      opts.also?.error(m, d);
    },
    tail(n) {
      const out: LogEntry[] = [];
      for (let i = 0; i < files && out.length < n; i++) {
        const lines = readLines(opts.fs, nth(i));
        for (let j = lines.length - 1; j >= 0 && out.length < n; j--) {
          const entry = parseLine(lines[j]!);
          if (entry) out.push(entry);
        }
      }
      return out.reverse();
    },
  };
}

/** A file's lines; none when it cannot be read. */
function readLines(fs: LogFs, file: string): string[] {
  try {
    return fs.read(file).split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

function parseLine(line: string): LogEntry | undefined {
  try {
    const v = JSON.parse(line) as Partial<LogEntry>;
    if (typeof v.at !== 'string' || typeof v.msg !== 'string') return undefined;
    if (v.level !== 'info' && v.level !== 'warn' && v.level !== 'error') return undefined;
    const data = v.data && typeof v.data === 'object' && !Array.isArray(v.data) ? v.data : undefined;
    return { at: v.at, level: v.level, msg: v.msg, ...(data ? { data } : {}) };
  } catch {
    return undefined; // a line cut by a crash
  }
}
