import { describe, expect, it } from 'vitest';
import { I18n } from '../../src-renderer/lib/i18n/i18n.svelte.js';

describe('I18n', () => {
  it('the last language picked wins: English, then 日本語 before the English catalog arrives, stays Japanese', async () => {
    const i18n = new I18n();
    const english = i18n.set('en'); // the English catalog is a chunk of its own: this waits
    await i18n.set('ja');
    await english;
    expect(i18n.lang).toBe('ja');
    expect(i18n.m.errors.network_error).toContain('通信');
  });

  it('picking English shows English', async () => {
    const i18n = new I18n();
    await i18n.set('en');
    expect(i18n.lang).toBe('en');
  });
});
