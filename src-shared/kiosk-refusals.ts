/**
 * Why the kiosk's main process itself refused a call (not the service): main answers with the
 * refusal's code as `reason` next to the error code, never with a text; the kiosk shell words
 * each one in Japanese and English (src-renderer/kiosk/kiosk-text.ts). No zod: the renderer
 * imports this file.
 */
export const kioskRefusals = [
  /** 端末登録 on a terminal that already is (invalid_request) */
  'already_enrolled',
  /** the service URL given to 端末登録 is not https:// (invalid_request, fields: serviceUrl) */
  'service_url_not_https',
  /** IT's policy fixes the service URL and another one was given (invalid_request, fields: serviceUrl) */
  'service_url_from_policy',
  /** a Host call on a terminal that is not enrolled (network_error) */
  'not_enrolled',
  /** the hidden exit's PIN is wrong (invalid_credentials) */
  'admin_pin_invalid',
  /** five wrong PINs closed the hidden exit for a while (locked) */
  'admin_pin_locked',
] as const;
export type KioskRefusal = (typeof kioskRefusals)[number];
