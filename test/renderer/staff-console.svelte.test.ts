/// <reference types="vite/client" />
// The staff console's logic: its table of screens, stale messages, 端末一覧's sort order (the service sorts: test/server/staff-desk/fleet-failures.test.ts), the words for states, events and
// answer codes, the idle clock, and the client's requests (no DOM, no service).
import { describe, expect, it } from 'vitest';
import staffEn from '../../src-renderer/lib/i18n/staff/en.js';
import staffJa from '../../src-renderer/lib/i18n/staff/ja.js';
import {
  StaffI18n,
  detailText,
  employerStateText,
  eventText,
  staffErrorText,
} from '../../src-renderer/lib/i18n/staff/staff-i18n.svelte.js';
import { IdleTimer, STAFF_IDLE_MS } from '../../src-renderer/staff/lib/idle-timer.js';
import { ScreenActions } from '../../src-renderer/staff/lib/action.svelte.js';
import { StaffModel } from '../../src-renderer/staff/lib/staff-model.svelte.js';
import {
  homeOf,
  menuItemOf,
  menuOf,
  screenNames,
  screenTitle,
  staffScreens,
} from '../../src-renderer/staff/lib/staff-screens.js';

/** The console's screen components, by path (Vite's glob: no file-system access here). */
const screenFiles = Object.keys(import.meta.glob('../../src-renderer/staff/screens/*Screen.svelte'));
import { kioskColumns, nextOrder } from '../../src-renderer/staff/lib/kiosk-table.js';
import { pathOf, StaffClient } from '../../src-renderer/staff/lib/staff-client.js';
import { documentKinds } from '../../src-renderer/staff/lib/document-kinds.js';
import { identityDocumentKinds, kioskSortColumns } from '../../src-shared/staff-api/actions.js';

describe('the table of screens (lib/staff-screens.ts)', () => {
  it('each screen has its component file; each role its menu, starting where it lands after ログイン', () => {
    for (const name of screenNames)
      expect(screenFiles, name).toContain(`../../src-renderer/staff/screens/${staffScreens[name].component}.svelte`);
    expect(menuOf('office')).toEqual(['search', 'kiosks']); // R-FLEET-2: their own office's terminals, read only
    expect(menuOf('it')).toEqual(['kiosks', 'enroll', 'audit']);
    expect([homeOf('office'), homeOf('it')]).toEqual(['search', 'kiosks']);
    expect(menuItemOf('employer')).toBe('search');
  });

  it('titles come from the catalog, an employer page from its company', () => {
    expect(screenTitle(staffJa, { name: 'audit', params: {} })).toBe('監査ログ');
    expect(screenTitle(staffEn, { name: 'kiosks', params: {} })).toBe('Terminals');
    const employer = { ref: 'r', company: '株式会社 例', office: 'o', state: 'active' as const, withdrawnDays: null };
    expect(screenTitle(staffJa, { name: 'employer', params: { employer } })).toBe('株式会社 例');
  });

  it("go() opens only a screen the staff member may see: another role's opens their own first screen", () => {
    const staff = new StaffModel(new StaffClient({ fetch: () => Promise.reject(new TypeError('offline')) }));
    staff.go('kiosks');
    expect(staff.view).toEqual({ name: 'signin', params: {} });
    staff.signedIn({ staffId: 'S1', name: 'n', role: 'office', office: 'o' });
    expect(staff.view?.name).toBe('search');
    staff.go('audit');
    expect(staff.view?.name).toBe('search');
    staff.go('register');
    expect(staff.view?.name).toBe('search');
    staff.idle.stop();
  });
});

describe('messages cleared when stale', () => {
  it("starting an action clears every other action's error and the screen's notice; a new screen starts with none", () => {
    const screen = new ScreenActions();
    const search = screen.action();
    const more = screen.action();
    search.fail({}, '通信エラー');
    screen.notice = { kind: 'success', words: () => 'ロックを解除しました。' };
    more.begin();
    expect(search.message).toBeNull();
    expect(screen.notice).toBeNull();

    const staff = new StaffModel(new StaffClient({ fetch: () => Promise.reject(new TypeError('offline')) }));
    staff.endSession('loggedOut');
    expect(staff.screen.notice?.words(staffJa)).toBe('ログアウトしました。');
    staff.screen.action().begin(); // the clerk presses ログイン again
    expect(staff.screen.notice).toBeNull();
    staff.endSession('idle');
    staff.go('register');
    expect(staff.screen.notice).toBeNull();
  });
});

describe('端末一覧: the order asked of the service', () => {
  it("the console's columns are the ones the service sorts by", () => {
    expect([...kioskColumns]).toEqual([...kioskSortColumns]);
  });

  it('a heading clicked twice flips the direction; another heading starts ascending', () => {
    const first = nextOrder({ column: 'office', direction: 'ascending' }, 'label');
    expect(first).toEqual({ column: 'label', direction: 'ascending' });
    expect(nextOrder(first, 'label')).toEqual({ column: 'label', direction: 'descending' });
  });
});

describe('the words the console shows', () => {
  it('states: 利用中 / ロック中 / 退会（n日経過）', () => {
    expect(employerStateText(staffJa, 'active', null)).toBe('利用中');
    expect(employerStateText(staffJa, 'locked', null)).toBe('ロック中');
    expect(employerStateText(staffJa, 'withdrawn', 45)).toBe('退会（45日経過）');
    expect(employerStateText(staffEn, 'withdrawn', 1)).toBe('Withdrawn (1 day ago)');
  });

  it('audit events in plain Japanese (ログイン, ロック, 再登録); an unknown type still says something', () => {
    expect(eventText(staffJa, 'login.succeeded')).toBe('ログイン');
    expect(eventText(staffJa, 'password.locked')).toBe('ロック');
    expect(eventText(staffJa, 'reregistration.completed')).toBe('再登録');
    expect(eventText(staffJa, 'something.new')).toBe('その他の操作（something.new）');
  });

  it('every answer code has Japanese and English words that say what to do next', () => {
    const codes = Object.keys(staffJa.errors).filter((c) => c !== 'unknown');
    expect(codes).toEqual(
      expect.arrayContaining([
        'registration_code_invalid',
        'staff_login_failed',
        'step_up_required',
        'not_reinstatable',
        'not_found',
        'network_error',
      ]),
    );
    for (const code of codes) {
      expect(staffErrorText(staffJa, code), code).toMatch(/ください|お試し/);
      expect(staffErrorText(staffEn, code), code).not.toBe(staffErrorText(staffJa, code));
    }
    expect(staffErrorText(staffJa, 'brand_new_code')).toContain('brand_new_code');
  });

  it('the English catalog loads on switching; the last choice wins', async () => {
    const i18n = new StaffI18n();
    const english = i18n.set('en');
    await i18n.set('ja');
    await english;
    expect(i18n.m.signin.title).toBe('職員ログイン');
    await i18n.set('en');
    expect(i18n.m.signin.title).toBe('Staff sign-in');
  });
});

describe('the idle clock', () => {
  function fakeTimers() {
    let pending: { fn: () => void; at: number } | null = null;
    let now = 0;
    return {
      timers: { set: (fn: () => void, ms: number) => (pending = { fn, at: now + ms }), clear: () => (pending = null) },
      advance(ms: number) {
        now += ms;
        if (pending && pending.at <= now) {
          const { fn } = pending;
          pending = null;
          fn();
        }
      },
    };
  }

  it('15 minutes after the last answer it ends the session once; an answer before that starts it again', () => {
    const t = fakeTimers();
    let idle = 0;
    const timer = new IdleTimer(() => (idle += 1), { timers: t.timers });
    timer.touch();
    t.advance(STAFF_IDLE_MS - 1000);
    timer.touch();
    t.advance(STAFF_IDLE_MS - 1000);
    expect(idle).toBe(0);
    t.advance(1000);
    expect(idle).toBe(1);
    expect(timer.running).toBe(false);
    t.advance(STAFF_IDLE_MS);
    expect(idle).toBe(1);
  });
});

describe('the staff client', () => {
  it('fills path parameters (encoded) and leaves out empty query values', () => {
    expect(pathOf('/api/v1/staff/employers/:ref/unlock', { ref: 'a/b' })).toBe('/api/v1/staff/employers/a%2Fb/unlock');
    expect(pathOf('/api/v1/staff/audit', {}, { before: undefined, limit: '50' })).toBe('/api/v1/staff/audit?limit=50');
  });

  it('sends JSON to the same origin and answers with the service code; a failed fetch is network_error', async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const client = new StaffClient({
      fetch: async (url, init) => {
        seen.push({ url, init });
        return new Response(JSON.stringify({ error: 'step_up_required', message: 'x' }), { status: 403 });
      },
    });
    const r = await client.call('employerRevealId', {
      params: { ref: 'r1' },
      body: { documentKind: 'passport', note: 'n', stepUp: {} as never }, // the service checks it; the client passes it on
    });
    expect(r).toEqual({ ok: false, error: { error: 'step_up_required', message: 'x' } });
    expect(seen[0]!.url).toBe('/api/v1/staff/employers/r1/reveal-id');
    expect(seen[0]!.init?.credentials).toBe('same-origin');
    expect(JSON.parse(seen[0]!.init?.body as string)).toMatchObject({ documentKind: 'passport' });
    const offline = new StaffClient({ fetch: () => Promise.reject(new TypeError('offline')) });
    expect(await offline.call('me')).toMatchObject({ ok: false, error: { error: 'network_error' } });
  });
});

describe('監査ログ details', () => {
  it('codes become words: the document kind, yes/no, the field names', () => {
    expect(detailText(staffJa, { documentKind: 'drivers_license', note: '代表者本人' })).toBe(
      '確認書類：運転免許証、メモ：代表者本人',
    );
    expect(detailText(staffJa, { wasLocked: true, office: null })).toBe('ロック中だった：はい');
    expect(detailText(staffJa, { staffId: 'S1234567', role: 'it' }, ['staffId'])).toBe('役割：システム担当職員');
    expect(detailText(staffEn, { office: '渋谷', label: '受付' })).toBe('Office: 渋谷, Terminal: 受付');
  });

  it("the issue's raw codes read as words: 「画面：login、対象：anywhere」「種類：web」「実施：staff」", () => {
    expect(detailText(staffJa, { surface: 'login', source: 'anywhere' })).toBe(
      '画面：ログイン、入力元：その他（記憶されていない端末・ブラウザ）',
    );
    expect(detailText(staffJa, { kind: 'web' })).toBe('利用場所：ブラウザ');
    expect(detailText(staffJa, { mailed: true, by: 'staff' })).toBe(
      'メール送信：はい、実施者：窓口職員（職員コンソール）',
    );
    expect(detailText(staffJa, { offlineMs: 200_000, sessionsEnded: 2 })).toBe(
      '通信できなかった時間：約3分、終了したログイン：2件',
    );
    expect(detailText(staffJa, { label: '受付横 1', office: '飯田橋', terminalId: 'k1' })).toBe(
      '端末名：受付横 1、安定所：飯田橋',
    );
  });
});

describe('the two catalogs', () => {
  it('every event the Japanese catalog words has English words too', () => {
    expect(Object.keys(staffEn.events).sort()).toEqual(Object.keys(staffJa.events).sort());
  });

  it("the console offers exactly the service's identity documents (one list, not a copy), each worded in both", () => {
    expect(documentKinds).toBe(identityDocumentKinds);
    for (const kind of documentKinds) {
      expect(staffJa.documents[kind], kind).toBeTruthy();
      expect(staffEn.documents[kind], kind).toBeTruthy();
    }
    expect(Object.keys(staffJa.documents).sort()).toEqual([...documentKinds].sort());
  });
});
