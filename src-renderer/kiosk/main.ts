/**
 * The kiosk's entry (kiosk.html; Electron loads app://kiosk/kiosk.html, the kiosk host its stand-in
 * on the service). The shell is imported statically, so the build lists every chunk the kiosk
 * needs as a modulepreload in kiosk.html and a fresh page after a wipe fetches them all in one
 * round trip. The browser entry (index.html, main.ts) stays free of kiosk code.
 */
import { mountKiosk } from './mount.js';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from kiosk.html');

// An ordinary browser that opens kiosk.html has no bridge: it gets the web screens instead.
if ((window as { kiosk?: unknown }).kiosk) await mountKiosk(target);
else location.replace('./');
