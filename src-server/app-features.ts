import type { Clock } from './clock.js';
import type { AttestationVerifier } from './login/attestation-verifier.js';
import { homeRoutes } from './home/home.routes.js';
import { loginRoutes } from './login/login.routes.js';
import { sessionRoutes } from './auth/session.routes.js';
import { metaRoutes } from './http/meta.routes.js';
import { recoveryRoutes } from './recovery/recovery.routes.js';
import { settingsRoutes } from './settings/settings.routes.js';
import { kioskRoutes } from './kiosk/kiosk.routes.js';
import { kioskAttestationVerifier } from './kiosk/attestation.service.js';
import type { Feature } from './http/feature.js';

/**
 * The features of the employer listener (app.ts), in order. A new feature adds one line here (and
 * nothing in app.ts): its routes file exports a `Feature`.
 */
export const features: Feature[] = [
  metaRoutes,
  loginRoutes,
  sessionRoutes,
  homeRoutes,
  recoveryRoutes,
  settingsRoutes,
  kioskRoutes,
];

/**
 * The verifier of kiosk attestations (R-KIOSK-2) used by `serve` and the test harness. The kiosk
 * feature replaces the body with its own (src-server/kiosk/); until then every attestation fails
 * and the login takes the OTP step.
 */
export function createAttestationVerifier(_clock: Clock): AttestationVerifier {
  // The login passes its clock's `now` in the context, so the verifier needs no clock of its own.
  return kioskAttestationVerifier;
}
