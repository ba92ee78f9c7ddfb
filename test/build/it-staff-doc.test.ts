// R-KIOSK-5: docs/it-staff.md tells IT the policy file exactly as the kiosk reads it: the same
// fields and places as src-main/core/config, and a PIN-hash command whose output the kiosk accepts.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyAdminPin } from '../../src-main/core/admin/admin-pin.js';
import { KioskSettings, settingKeys } from '../../src-main/core/config/kiosk-config.schema.js';
import { defaultPolicyPath } from '../../src-main/core/config/policy-file.js';
import { root } from './support/builder-config.js';

const doc = readFileSync(`${root}docs/it-staff.md`, 'utf8');
const section = (title: string) => doc.slice(doc.indexOf(title), doc.indexOf('\n## ', doc.indexOf(title) + 1));

describe('R-KIOSK-5 docs/it-staff.md and the policy file', () => {
  it('documents every policy field the kiosk reads, and no other', () => {
    const documented = [...section('## 2. Write the policy file').matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...settingKeys].sort());
  });

  it('the example policy passes the kiosk’s own schema', () => {
    const example = section('## 2. Write the policy file').match(/```json\n([\s\S]*?)```/)?.[1];
    expect(KioskSettings.safeParse(JSON.parse(example ?? 'null')).success).toBe(true);
  });

  it('names the places the kiosk looks for it', () => {
    expect(doc).toContain(`\`${defaultPolicyPath('linux', {})}\``);
    expect(defaultPolicyPath('win32', { ProgramData: '%ProgramData%' })).toBe(
      '%ProgramData%\\hellowork-kiosk\\policy.json',
    );
    expect(doc).toContain('`%ProgramData%\\hellowork-kiosk\\policy.json`');
  });

  it('the documented PIN-hash command makes a hash the kiosk verifies (and refuses a wrong PIN)', () => {
    const command = section('## 2. Write the policy file').match(/^node -e "(.*)" 48151623$/m)?.[1];
    expect(command).toBeDefined();
    // Undo the shell's escaping of `$` inside double quotes, as sh would.
    const script = command!.replace(/\\\$/g, '$').replace(/\\"/g, '"');
    const hash = execFileSync(process.execPath, ['-e', script, '48151623'], { encoding: 'utf8' }).trim();
    expect(verifyAdminPin('48151623', hash)).toBe(true);
    expect(verifyAdminPin('48151624', hash)).toBe(false);
    expect(KioskSettings.safeParse({ adminPinHash: hash }).success).toBe(true);
  });
});
