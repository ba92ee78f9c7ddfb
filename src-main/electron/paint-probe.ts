import type { KioskWindow } from './kiosk-window.js';

/** Issue 5: true when the page renders a frame within 5 s (a hung or blank renderer does not); sent with the heartbeat. */
export function probePaint(kiosk: KioskWindow | undefined): Promise<boolean> {
  const contents = kiosk?.contents;
  if (!contents || contents.isDestroyed()) return Promise.resolve(false);
  const frame = contents.executeJavaScript(
    'new Promise((r) => requestAnimationFrame(() => r(true)))',
  ) as Promise<boolean>;
  const timeout = new Promise<boolean>((r) => setTimeout(() => r(false), 5000).unref());
  return Promise.race([frame.catch(() => false), timeout]);
}
