// Placeholder until the kiosk issue lands: the kiosk entry of the renderer (KioskShell, 端末登録,
// idle overlay). Owned by the kiosk work; src-renderer/main.ts imports it only when window.kiosk exists.
export async function mountKiosk(target: HTMLElement): Promise<void> {
  target.textContent = 'kiosk: not built yet';
}
