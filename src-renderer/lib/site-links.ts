/**
 * Links that leave My Page (the footer, トップ, イベント情報検索). They point at the public
 * Hello Work Internet Service; the kiosk shell decides what a visitor may open.
 */
export const TOP_URL = 'https://www.hellowork.mhlw.go.jp/';
export const EVENTS_URL = 'https://www.hellowork.mhlw.go.jp/';
export const FOOTER_URL = 'https://www.hellowork.mhlw.go.jp/';
