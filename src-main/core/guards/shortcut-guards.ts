/**
 * Keys a visitor must not use on a kiosk: devtools, reload, zoom, close, print, save, new window.
 * `KeyInput` is the shape of Electron's before-input-event `input` (only the fields read here).
 */
export type KeyInput = {
  type: string;
  key: string;
  code?: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
};

const FUNCTION_KEYS = new Set([
  'F1',
  'F3',
  'F5',
  'F6',
  'F7',
  'F11',
  'F12',
  'BrowserRefresh',
  'BrowserBack',
  'BrowserForward',
  'BrowserHome',
  'BrowserSearch',
]);
// With Ctrl (or Cmd): reload, devtools, close, quit, zoom, print, save, open, new window/tab, find,
// view source, history, downloads, address bar, back/forward via brackets.
const WITH_MODIFIER = new Set([
  'r',
  'i',
  'j',
  'c',
  'w',
  'q',
  '=',
  '+',
  '-',
  '_',
  '0',
  'p',
  's',
  'o',
  'n',
  't',
  'f',
  'g',
  'u',
  'h',
  'd',
  'l',
  'e',
  'k',
  '[',
  ']',
  'tab',
  'pageup',
  'pagedown',
]);

export function isBlockedShortcut(input: KeyInput): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  const key = input.key.toLowerCase();
  if (FUNCTION_KEYS.has(input.key)) return true;
  if (input.alt && (key === 'f4' || key === 'arrowleft' || key === 'arrowright' || key === 'home')) return true;
  if (input.control || input.meta) {
    // Plain copy/paste/cut/select-all/undo keep working in form fields.
    if (!input.shift && !input.alt && ['c', 'v', 'x', 'a', 'z', 'y'].includes(key)) return false;
    return WITH_MODIFIER.has(key);
  }
  return false;
}

/** The hidden exit for IT staff: Ctrl+Alt+Shift+K (then the admin PIN). */
export function isAdminChord(input: KeyInput): boolean {
  return (
    input.type === 'keyDown' &&
    input.control &&
    input.alt &&
    input.shift &&
    !input.meta &&
    input.key.toLowerCase() === 'k'
  );
}
