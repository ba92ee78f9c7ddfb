import { describe, expect, it } from 'vitest';
import { appOriginOf, mayGrantPermission, mayNavigate, windowOpenAction } from '../../../src-main/core/guards/url-guards.js';

const packaged = appOriginOf('app://kiosk/index.html');
const dev = appOriginOf('http://127.0.0.1:8080/');

// [url, allowed in the packaged app (app://kiosk), allowed in dev (http://127.0.0.1:8080)]
const table: [string, boolean, boolean][] = [
  ['app://kiosk/index.html', true, false],
  ['app://kiosk/index.html#/home', true, false],
  ['app://kiosk/assets/index-abc.js', true, false],
  ['http://127.0.0.1:8080/', false, true],
  ['http://127.0.0.1:8080/login?next=/home', false, true],
  // other hosts, schemes and ports
  ['https://www.hellowork.mhlw.go.jp/', false, false],
  ['https://evil.example.com/', false, false],
  ['app://kiosk.evil.com/index.html', false, false],
  ['app://evil/index.html', false, false],
  ['app://kiosk:1234/index.html', false, false],
  ['http://127.0.0.1:8081/', false, false],
  ['https://127.0.0.1:8080/', false, false],
  ['http://127.0.0.1.nip.io:8080/', false, false],
  ['http://localhost:8080/', false, false],
  ['http://[::1]:8080/', false, false],
  ['http://2130706433:8080/', false, true], // the same address written as a number: URL normalises it
  // credentials and parser tricks
  ['http://127.0.0.1:8080@evil.com/', false, false],
  ['app://kiosk@evil.com/', false, false],
  ['http://user:pass@127.0.0.1:8080/', false, false],
  ['http://evil.com\\@127.0.0.1:8080/', false, false],
  ['http://evil.com#@127.0.0.1:8080/', false, false],
  // schemes that must never load in the kiosk
  ['javascript:alert(document.cookie)', false, false],
  ['JaVaScRiPt:alert(1)', false, false],
  ['data:text/html,<script>alert(1)</script>', false, false],
  ['blob:app://kiosk/0b6a', false, false],
  ['file:///etc/passwd', false, false],
  ['file:///C:/Windows/System32/cmd.exe', false, false],
  ['chrome://settings', false, false],
  ['devtools://devtools/bundled/inspector.html', false, false],
  ['view-source:app://kiosk/index.html', false, false],
  ['about:blank', false, false],
  ['ms-settings:', false, false],
  ['smb://fileserver/share', false, false],
  ['', false, false],
  ['not a url', false, false],
  ['//evil.com/', false, false],
];

describe('URL guards of the kiosk window (will-navigate, will-frame-navigate, will-redirect)', () => {
  it.each(table)('R-KIOSK-4 lock-down: %s → packaged %s, dev %s', (url, packagedOk, devOk) => {
    expect(mayNavigate(url, packaged)).toBe(packagedOk);
    expect(mayNavigate(url, dev)).toBe(devOk);
  });

  it.each(table.map(([url]) => [url]))('window.open(%s) never opens a window', (url) => {
    expect(windowOpenAction(url)).toEqual({ action: 'deny' });
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'hid', 'usb', 'serial', 'display-capture', 'idle-detection'])(
    'the permission request %s is denied',
    (permission) => {
      expect(mayGrantPermission(permission)).toBe(false);
    },
  );
});
