import { describe, expect, it } from 'vitest';
import { MemorySettingsStore } from '../../../src-main/core/ports.js';
import { readTerminalRecord } from '../../../src-main/core/terminal/terminal-record.js';

// Issue 22 item 4: updates and roll-backs keep the enrollment. The record lives in the kiosk
// account's profile (kiosk-settings.json), which no installer touches; a version reads what
// another version wrote.
const record = {
  terminalId: 'T0000042',
  machineIdHash: 'a'.repeat(64),
  publicKey: 'MCowBQYDK2VwAyEA',
  office: '飯田橋公共職業安定所',
  serviceUrl: 'https://mypage.example.go.jp',
  key: { kind: 'os', backend: 'dpapi', cipher: 'AAAA' },
};

describe('the terminal record across versions', () => {
  it('R-KIOSK-5: a record a newer version wrote, with fields this one does not know, still reads after a roll-back', () => {
    const store = new MemorySettingsStore({
      terminal: { ...record, enrolledWith: '0.3.0', key: { ...record.key, keyVersion: 2 } },
    });
    expect(readTerminalRecord(store)).toEqual(record);
  });

  it('a record missing what this version needs is no enrollment (the kiosk shows 端末登録)', () => {
    const { publicKey: _dropped, ...incomplete } = record;
    expect(readTerminalRecord(new MemorySettingsStore({ terminal: incomplete }))).toBeUndefined();
    expect(
      readTerminalRecord(new MemorySettingsStore({ terminal: { ...record, key: { kind: 'tpm' } } })),
    ).toBeUndefined();
  });
});
