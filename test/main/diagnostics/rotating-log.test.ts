import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultLogDir } from '../../../src-main/core/diagnostics/log-location.js';
import { createRotatingLog, nodeLogFs } from '../../../src-main/core/diagnostics/rotating-log.js';
import { R_DIAG_1_LOG_FILE_BYTES, R_DIAG_1_LOG_FILES } from '../../../src-shared/rules.js';
import { ManualClock } from '../fakes/manual-clock.js';

const tempDir = () => path.join(mkdtempSync(path.join(tmpdir(), 'kiosk-log-')), 'logs');

describe('R-DIAG-1: the kiosk writes a rotating structured log (src-main/core/diagnostics)', () => {
  it('R-DIAG-1: JSON lines with the time of the injected clock, in a folder it makes', () => {
    const dir = tempDir();
    const clock = new ManualClock();
    const log = createRotatingLog({ fs: nodeLogFs, dir, clock });
    log.info('wipe: done', { reason: 'idle' });
    clock.advance(1_000);
    log.warn('heartbeat: the service is unreachable');
    const lines = readFileSync(path.join(dir, 'kiosk.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { at: new Date(clock.now() - 1_000).toISOString(), level: 'info', msg: 'wipe: done', data: { reason: 'idle' } },
      { at: new Date(clock.now()).toISOString(), level: 'warn', msg: 'heartbeat: the service is unreachable' },
    ]);
  });

  it('R-DIAG-1: rotates at its size through its files (kiosk.log, .1 … .4), the oldest dropped', () => {
    const dir = tempDir();
    const log = createRotatingLog({ fs: nodeLogFs, dir, clock: new ManualClock(), maxBytes: 1_000, files: 5 });
    for (let i = 0; i < 200; i++) log.info(`line ${String(i).padStart(3, '0')} ${'x'.repeat(60)}`);
    expect(readdirSync(dir).sort()).toEqual(['kiosk.log', 'kiosk.log.1', 'kiosk.log.2', 'kiosk.log.3', 'kiosk.log.4']);
    for (const f of readdirSync(dir)) expect(statSync(path.join(dir, f)).size).toBeLessThanOrEqual(1_000);
    // the newest lines are in kiosk.log, the ones before in .1; the first lines are gone
    const tail = log.tail(1_000);
    expect(tail.at(-1)?.msg).toMatch(/^line 199 /);
    expect(tail.length).toBeLessThan(200);
    expect(tail.map((l) => l.msg)).toEqual([...tail.map((l) => l.msg)].sort());
    expect(readFileSync(path.join(dir, 'kiosk.log.4'), 'utf8')).not.toMatch(/line 000 /);
  });

  it('R-DIAG-1: the shipped sizes are 1 MiB × 5 files', () => {
    expect([R_DIAG_1_LOG_FILE_BYTES, R_DIAG_1_LOG_FILES]).toEqual([1024 * 1024, 5]);
  });

  it('R-DIAG-1: tail(n) gives the last n lines oldest first, across files, skipping a line cut by a crash', () => {
    const dir = tempDir();
    const log = createRotatingLog({ fs: nodeLogFs, dir, clock: new ManualClock(), maxBytes: 300 });
    for (let i = 0; i < 12; i++) log.error(`e${i}`, { i });
    nodeLogFs.append(path.join(dir, 'kiosk.log'), '{"at":"2026-');
    expect(log.tail(5).map((l) => l.msg)).toEqual(['e7', 'e8', 'e9', 'e10', 'e11']);
    expect(log.tail(5).at(-1)).toMatchObject({ level: 'error', data: { i: 11 } });
  });

  it('R-DIAG-1: what is written is redacted, and a failing disk never throws', () => {
    const dir = tempDir();
    const log = createRotatingLog({ fs: nodeLogFs, dir, clock: new ManualClock() });
    log.info('login refused for kiosk-visitor@example.jp', { password: 'hunter2', otp: '123456' });
    const text = readFileSync(path.join(dir, 'kiosk.log'), 'utf8');
    expect(text).not.toMatch(/kiosk-visitor@example\.jp|hunter2|123456/);
    const broken = createRotatingLog({
      fs: {
        ...nodeLogFs,
        append: () => {
          throw new Error('ENOSPC');
        },
      },
      dir,
      clock: new ManualClock(),
    });
    expect(() => broken.error('still running')).not.toThrow();
  });

  it('R-DIAG-1: its documented place: %LOCALAPPDATA%\\hellowork-kiosk\\logs and ~/.local/state/hellowork-kiosk/logs', () => {
    expect(defaultLogDir('win32', { LOCALAPPDATA: 'C:\\Users\\kiosk\\AppData\\Local' }, 'C:\\Users\\kiosk')).toBe(
      'C:\\Users\\kiosk\\AppData\\Local\\hellowork-kiosk\\logs',
    );
    expect(defaultLogDir('linux', {}, '/home/kiosk')).toBe('/home/kiosk/.local/state/hellowork-kiosk/logs');
    expect(defaultLogDir('linux', { XDG_STATE_HOME: '/var/lib/kiosk-state' }, '/home/kiosk')).toBe(
      '/var/lib/kiosk-state/hellowork-kiosk/logs',
    );
  });
});

describe('R-DIAG-1: docs/it-staff.md names where the log is', () => {
  it('R-DIAG-1: the Windows and Linux places, as defaultLogDir makes them', () => {
    const doc = readFileSync(path.join(import.meta.dirname, '../../../docs/it-staff.md'), 'utf8');
    const windows = defaultLogDir('win32', { LOCALAPPDATA: '%LOCALAPPDATA%' }, 'C:\\Users\\kiosk');
    const linux = defaultLogDir('linux', {}, '~');
    expect(doc).toContain(`\`${windows}\\kiosk.log\``);
    expect(doc).toContain(`\`${linux}/kiosk.log\``);
  });
});
