import type { Credential } from '../service/service-client.js';

/**
 * The visitor's sign-in state, in main-process memory only (R-KIOSK-3): never written to disk,
 * never sent to the renderer. `drop()` forgets everything at once.
 */
export function createVisitorSession() {
  let credential: Credential | undefined;
  let challenge: string | undefined;
  return {
    get credential() {
      return credential;
    },
    get challenge() {
      return challenge;
    },
    signedIn(next: Credential) {
      credential = next;
      challenge = undefined;
    },
    pendingOtp(next: string) {
      challenge = next;
    },
    cancelOtp() {
      challenge = undefined;
    },
    drop() {
      credential = undefined;
      challenge = undefined;
    },
  };
}
export type VisitorSession = ReturnType<typeof createVisitorSession>;
