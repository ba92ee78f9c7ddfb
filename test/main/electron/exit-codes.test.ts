import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KIOSK_EXIT } from '../../../src-main/core/exit-codes.js';

// The kiosk and its supervisors agree on one number: the IT exit is the only exit not restarted.
describe('exit codes the supervisors read', () => {
  it('R-KIOSK-5: the Linux session loop stops only on the IT exit code', () => {
    const loop = readFileSync('build/linux/hellowork-kiosk-loop.sh', 'utf8');
    expect(loop).toMatch(new RegExp(`^IT_EXIT=${KIOSK_EXIT.itExit}$`, 'm'));
    expect(KIOSK_EXIT.restart).not.toBe(KIOSK_EXIT.itExit);
  });

  it('R-KIOSK-5: Windows Shell Launcher does nothing on the IT exit code and restarts on any other', () => {
    const xml = readFileSync('build/windows/shell-launcher.xml', 'utf8');
    expect(xml).toContain(`<ReturnCodeAction ReturnCode="${KIOSK_EXIT.itExit}" Action="DoNothing"/>`);
    expect(xml).not.toContain(`ReturnCode="${KIOSK_EXIT.restart}"`);
  });
});
