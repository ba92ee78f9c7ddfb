import type { StaffErrorCatalog } from './errors-ja.js';

/** English twin of errors-ja.ts (same codes). */
const errors: StaffErrorCatalog = {
  invalid_request: 'Some of the input is not valid. Check the fields marked in red and try again.',
  registration_code_invalid:
    'The staff ID or registration code is wrong, the code has expired (24 hours) or it was already used. Check what you typed. If that does not help, ask IT staff for a new registration code.',
  staff_login_failed:
    'You could not be signed in. Check your staff ID and confirm with the passkey registered for it. If you have no passkey, ask IT staff for a registration code.',
  staff_unauthenticated: 'Your sign-in has expired. Enter your staff ID and sign in again.',
  staff_forbidden: 'You are not allowed to do this. Ask a staff member who has the permission.',
  step_up_required:
    'The passkey check did not succeed, so nothing was done. Press the button again and confirm with your passkey.',
  not_reinstatable:
    'The account could not be reinstated. Only accounts withdrawn 31 or more days ago can be, and its state may have changed since (it may already be reinstated). Go back to employer search, search again and check the state shown.',
  office_unknown:
    'The office you chose was not found. Open "Issue an enrollment code" from the staff menu again and choose an office from the list.',
  not_found:
    'It was not found: its state may have changed, or it is not in your charge. Open the list again from the staff menu (for an employer, search again) and try again.',
  rate_limited: 'Too many requests. Please wait a while and try again.',
  forbidden_origin:
    "This page may not do that. Type the staff console's address in the browser's address bar, open it again and try again.",
  payload_too_large: 'The input is too long. Shorten the note and try again.',
  internal_error:
    'A system error occurred; the action may not have been done. Try again later, and tell IT staff if it keeps happening.',
  service_unavailable: 'The system is temporarily unavailable. Please wait a while and try again.',
  network_error: 'A network error occurred. Check the connection and try again. What you typed is kept.',
  passkey_cancelled:
    'The passkey check was cancelled or timed out. Press the button again and confirm with your passkey.',
  signin_passkey_cancelled:
    'The passkey check did not complete. Check your staff ID, press "Sign in" again and confirm with your passkey. If you have not registered a passkey on this device yet, use "First time here" (IT staff issue the registration code).',
  passkey_unsupported:
    'This browser cannot use passkeys. Open the console in a current Chrome, Edge, Safari or Firefox.',
  passkey_failed: 'The passkey check failed. Please try again, and tell IT staff if it keeps happening.',
  unknown: (code: string) =>
    `The action could not be completed (${code}). Try again, and tell IT staff if it keeps happening.`,
};

export default errors;
