import { describe, expect, it } from 'vitest';
import { isAdminChord, isBlockedShortcut, type KeyInput } from '../../../src-main/core/guards/shortcut-guards.js';

const key = (
  k: string,
  mods: Partial<Pick<KeyInput, 'control' | 'meta' | 'alt' | 'shift'>> = {},
  type = 'keyDown',
): KeyInput => ({
  type,
  key: k,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
});

const blocked: [string, KeyInput][] = [
  ['F12 (devtools)', key('F12')],
  ['Ctrl+Shift+I (devtools)', key('I', { control: true, shift: true })],
  ['Cmd+Alt+I (devtools)', key('i', { meta: true, alt: true })],
  ['Ctrl+Shift+J (console)', key('J', { control: true, shift: true })],
  ['Ctrl+Shift+C (inspect)', key('C', { control: true, shift: true })],
  ['F5 (reload)', key('F5')],
  ['Ctrl+R (reload)', key('r', { control: true })],
  ['Ctrl+Shift+R (hard reload)', key('R', { control: true, shift: true })],
  ['Ctrl+W (close)', key('w', { control: true })],
  ['Ctrl+Q (quit)', key('q', { control: true })],
  ['Alt+F4 (close)', key('F4', { alt: true })],
  ['Ctrl+= (zoom in)', key('=', { control: true })],
  ['Ctrl+- (zoom out)', key('-', { control: true })],
  ['Ctrl+0 (zoom reset)', key('0', { control: true })],
  ['Ctrl+P (print)', key('p', { control: true })],
  ['Ctrl+S (save)', key('s', { control: true })],
  ['Ctrl+N (new window)', key('n', { control: true })],
  ['Ctrl+U (view source)', key('u', { control: true })],
  ['Alt+Left (back)', key('ArrowLeft', { alt: true })],
  ['F11 (leave full screen)', key('F11')],
  ['BrowserRefresh key', key('BrowserRefresh')],
];
const allowed: [string, KeyInput][] = [
  ['a letter', key('a')],
  ['Enter', key('Enter')],
  ['Tab', key('Tab')],
  ['Shift+Tab', key('Tab', { shift: true })],
  ['Backspace', key('Backspace')],
  ['Ctrl+C (copy)', key('c', { control: true })],
  ['Ctrl+V (paste)', key('v', { control: true })],
  ['Ctrl+A (select all)', key('a', { control: true })],
  ['F12 released (keyUp)', key('F12', {}, 'keyUp')],
];

describe('kiosk keyboard lock-down (before-input-event)', () => {
  it.each(blocked)('R-KIOSK-4 lock-down: %s is blocked', (_name, input) => expect(isBlockedShortcut(input)).toBe(true));
  it.each(allowed)('%s still works', (_name, input) => expect(isBlockedShortcut(input)).toBe(false));

  it('the hidden admin exit is Ctrl+Alt+Shift+K and nothing near it', () => {
    expect(isAdminChord(key('K', { control: true, alt: true, shift: true }))).toBe(true);
    expect(isAdminChord(key('K', { control: true, shift: true }))).toBe(false);
    expect(isAdminChord(key('K', { control: true, alt: true, shift: true, meta: true }))).toBe(false);
    expect(isAdminChord(key('L', { control: true, alt: true, shift: true }))).toBe(false);
    expect(isAdminChord(key('K', { control: true, alt: true, shift: true }, 'keyUp'))).toBe(false);
  });
});
