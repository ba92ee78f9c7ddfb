import type { KioskHandlers } from '../bridge/bridge-dispatch.js';
import type { Logger } from '../ports.js';

/**
 * Scripted enrollment (IT's deployment scripts, `npm start`): with a one-time code given, an
 * unenrolled terminal enrolls itself with the service URL it is configured with. The code is the
 * authority; a refused code is logged and the kiosk opens on 端末登録.
 */
export async function enrollWithCode(
  handlers: Pick<KioskHandlers, 'status' | 'enroll'>,
  code: string | undefined,
  log: Logger,
): Promise<void> {
  const status = code ? await handlers.status(undefined) : undefined;
  if (!code || !status?.ok || status.data.enrolled || !status.data.serviceUrl) return;
  const enrolled = await handlers.enroll({ serviceUrl: status.data.serviceUrl, code });
  if (!enrolled.ok)
    log.error(`enrollment with HELLOWORK_KIOSK_ENROLL_CODE failed: ${enrolled.error.reason ?? enrolled.error.error}`);
}
