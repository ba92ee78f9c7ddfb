import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { KioskSettings } from './kiosk-config.schema.js';
import { ConfigError, describeIssues } from './config-error.js';

/**
 * The machine-wide policy IT writes (issue 5): it overrides the user-level settings. Its place is
 * fixed per platform so a visitor's account cannot write it; the path is injectable for tests.
 */
export function defaultPolicyPath(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (platform === 'win32')
    return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'hellowork-kiosk', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/hellowork-kiosk/policy.json';
  return '/etc/hellowork-kiosk/policy.json';
}

/** No file: no policy. A file that is unreadable, not JSON or off-schema stops the kiosk. */
export async function readPolicyFile(file: string): Promise<KioskSettings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return {};
    throw new ConfigError(`the policy file ${file} cannot be read (${code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`the policy file ${file} is not valid JSON (${(error as Error).message})`);
  }
  const parsed = KioskSettings.safeParse(json);
  if (!parsed.success) throw new ConfigError(`the policy file ${file} is invalid: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
