import type { OnScreenKeyboardPolicy } from '../config/kiosk-config.schema.js';

/**
 * Issue 13: is the kiosk's on-screen keyboard shown? IT's policy decides; with `auto` it is shown
 * when the terminal reports a touch screen (the glue asks Electron's `screen` module; here it is a
 * plain input, so the decision is tested without Electron). A terminal with a physical keyboard
 * keeps it either way: the on-screen keyboard never takes the focus.
 */
export function showOnScreenKeyboard(policy: OnScreenKeyboardPolicy, touchScreen: boolean): boolean {
  if (policy === 'always') return true;
  if (policy === 'never') return false;
  return touchScreen;
}
