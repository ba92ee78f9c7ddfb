import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { KIOSK_CSP, resolveAppFile } from '../core/guards/app-files.js';

export const APP_SCHEME = 'app';
/** The kiosk's own entry of the screens (src-renderer/kiosk.html): the shell and its chunks in one round trip. */
export const APP_URL = 'app://kiosk/kiosk.html';

/** Before `ready`: app:// is a standard, secure scheme (origin, storage) — but not a network one. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false },
    },
  ]);
}

/** Serves the built screens from `root` on the kiosk's session, each answer with the strict CSP. */
export function serveAppFiles(ses: Session, root: string): void {
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const found = resolveAppFile(root, request.url);
    if (!found) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(found.file);
      return new Response(body, {
        headers: {
          'content-type': found.type,
          'content-security-policy': KIOSK_CSP,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}
