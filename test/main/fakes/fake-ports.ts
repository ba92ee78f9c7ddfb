import type { Logger } from '../../../src-main/core/ports.js';
import type { SessionWiper } from '../../../src-main/core/wipe/session-wiper.js';
import type { SecretBox } from '../../../src-main/core/terminal/secret-box.js';

/** Records every line so tests can assert what the log says (and that secrets are absent). */
export function recordingLogger() {
  const lines: { level: string; message: string; data?: Record<string, unknown> }[] = [];
  const logger: Logger = {
    info: (message, data) => void lines.push({ level: 'info', message, ...(data ? { data } : {}) }),
    warn: (message, data) => void lines.push({ level: 'warn', message, ...(data ? { data } : {}) }),
    error: (message, data) => void lines.push({ level: 'error', message, ...(data ? { data } : {}) }),
  };
  return { logger, lines, text: () => lines.map((l) => `${l.message} ${JSON.stringify(l.data ?? {})}`).join('\n') };
}

/** An OS-backed box (XOR is enough to prove the stored bytes are not the PEM) or basic_text. */
export function fakeSecretBox(osBacked: boolean): SecretBox {
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    backend: osBacked ? 'gnome_libsecret' : 'basic_text',
    osBacked,
    encrypt: (plain) => flip(Buffer.from(plain, 'utf8')),
    decrypt: (cipher) => flip(cipher).toString('utf8'),
  };
}

/** A wiper that records the order of calls (with their partition); `leftover` simulates a clear that did not work. */
export function recordingWiper(opts: { leftover?: string[]; failStep?: keyof SessionWiper } = {}) {
  const calls: string[] = [];
  const step = (name: keyof SessionWiper) => async (partition?: unknown) => {
    calls.push(typeof partition === 'string' ? `${name} ${partition}` : name);
    if (opts.failStep === name) throw new Error(`${name} broke`);
  };
  const wiper: SessionWiper = {
    prepareNext: step('prepareNext'),
    replaceContents: step('replaceContents'),
    closePage: step('closePage'),
    clearClipboard: step('clearClipboard'),
    clearStorageData: step('clearStorageData'),
    clearHttpCache: step('clearHttpCache'),
    clearAuthCache: step('clearAuthCache'),
    leftovers: async (old) => {
      calls.push(old ? `leftovers ${old}` : 'leftovers');
      return opts.leftover ?? [];
    },
    dropPartition: step('dropPartition'),
    restartApp: (reason) => void calls.push(`restartApp: ${reason}`),
  };
  return { wiper, calls };
}
