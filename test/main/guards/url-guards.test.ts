import { describe, expect, it } from 'vitest';
import {
  appOriginOf,
  mayGrantPermission,
  mayNavigate,
  windowOpenAction,
} from '../../../src-main/core/guards/url-guards.js';
import { KIOSK_CSP, resolveAppFile } from '../../../src-main/core/guards/app-files.js';

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

  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'clipboard-sanitized-write',
    'openExternal',
    'fullscreen',
    'hid',
    'usb',
    'serial',
    'display-capture',
    'idle-detection',
  ])('the permission request %s is denied', (permission) => {
    expect(mayGrantPermission(permission)).toBe(false);
  });
});

describe('app:// file resolution (the packaged screens)', () => {
  const root = '/opt/kiosk/dist/renderer';
  it.each([
    ['app://kiosk/', `${root}/index.html`],
    ['app://kiosk/index.html', `${root}/index.html`],
    ['app://kiosk/assets/index-abc.js', `${root}/assets/index-abc.js`],
    ['app://kiosk/assets/index-abc.css?v=1#x', `${root}/assets/index-abc.css`],
  ])('%s → %s', (url, file) => expect(resolveAppFile(root, url)?.file).toBe(file));

  it.each([
    'app://kiosk/../../../etc/passwd',
    'app://kiosk/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fshadow.js',
    'app://kiosk/..%5c..%5cwindows%5cwin.ini.html',
    'app://kiosk/index.html%00.js',
    'app://kiosk/%E0%A4%A',
    'app://kiosk/secrets.pem',
    'app://kiosk/terminal-key',
    'not a url',
  ])('%s is refused', (url) => expect(resolveAppFile(root, url)).toBeNull());

  it('dot segments the URL parser resolves itself stay inside the root', () => {
    expect(resolveAppFile(root, 'app://kiosk/%2e%2e/%2e%2e/etc/passwd.html')?.file).toBe(`${root}/etc/passwd.html`);
  });

  it('the CSP allows no network from the page and no inline script', () => {
    expect(KIOSK_CSP).toContain("connect-src 'none'");
    expect(KIOSK_CSP).toContain("script-src 'self'");
    expect(KIOSK_CSP).not.toContain('unsafe-inline');
  });
});
