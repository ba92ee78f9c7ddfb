import path from 'node:path';

/**
 * R-DIAG-1: where the kiosk writes `kiosk.log` (docs/it-staff.md, "The kiosk's log"): on Windows
 * `%LOCALAPPDATA%\hellowork-kiosk\logs` (the kiosk account's local, non-roaming profile), on
 * Linux `$XDG_STATE_HOME/hellowork-kiosk/logs`, i.e. `~/.local/state/hellowork-kiosk/logs` (the XDG
 * base directory for logs). Not Electron's `app.getPath('logs')`, which is under the roaming
 * `%APPDATA%` on Windows and `~/.config` on Linux.
 */
export function defaultLogDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA || path.win32.join(home, 'AppData', 'Local');
    return path.win32.join(local, 'hellowork-kiosk', 'logs');
  }
  const state = env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : undefined;
  return path.posix.join(state ?? path.posix.join(home, '.local', 'state'), 'hellowork-kiosk', 'logs');
}
