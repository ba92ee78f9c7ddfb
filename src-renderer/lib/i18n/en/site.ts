import type ja from '../ja/site.js';

/**
 * English: the frame every screen shares: language switch, header and footer, common words, mail guidance, errors.
 * Same shape as ja/site.ts (the compiler checks it).
 */
const site: typeof ja = {
  lang: { ja: '日本語', en: 'English', label: 'Language' },
  site: {
    en: 'HelloWork Internet Service',
    name: 'Hello Work Internet Service',
    mypage: 'Employer My Page',
    skip: 'Skip to main content',
    top: 'Top',
    breadcrumb: 'Breadcrumb',
    nav: 'Employer My Page menu',
    footerNav: 'Site information',
    footer: [
      'Links',
      'Site map',
      'Site policy',
      'Privacy policy',
      'Terms of use',
      'FAQ',
      'Contact',
      'Office locations',
    ],
    copyright: 'All rights reserved. Copyright (C) Employment Security Bureau, Ministry of Health, Labour and Welfare',
    pageTop: 'Back to top',
    newWindow: '(opens in a new window)',
    titleSuffix: ' | Hello Work Internet Service',
  },
  common: {
    required: 'Required',
    cancel: 'Cancel',
    next: 'Next',
    send: 'Send',
    ok: 'OK',
    done: 'Done',
    sending: 'Sending. Please wait.',
    loading: 'Loading.',
    attention: 'Note',
    backToLogin: 'Back to the login screen',
    toLogin: 'Go to login',
    toHome: 'Go to My Page home',
    errorHeading: 'Please check your input',
    show: 'Show',
    hide: 'Hide',
    capsLock: 'Caps Lock is on. Mind upper and lower case.',
    fullWidthId: 'Full-width characters found. Type the ID (e-mail address) in half-width characters.',
    fullWidthPassword: 'Full-width characters found. Type the password in half-width characters.',
    fullWidthKey: 'Full-width characters found. Type it in half-width characters.',
    enterField: (label: string) => `Please enter "${label}".`,
    checkField: (label: string) => `Please tick "${label}".`,
    emailFormat: 'The ID (e-mail address) is not a valid address. Example: name@example.jp',
    retryAfter: (minutes: number) => `You can try again in about ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    attemptsLeft: (n: number) =>
      `${n} tr${n === 1 ? 'y' : 'ies'} left. After 10 wrong entries the one-time password becomes invalid.`,
  },
  mail: {
    heading: 'If the e-mail does not arrive',
    resetBody: (from: string) =>
      `If the e-mail does not arrive after a while, check your mail filter settings and that the address you entered is correct. If you filter incoming mail, allow mail from ${from} and apply for the password re-registration again from the start.`,
    keyBody: (from: string) =>
      `If the e-mail does not arrive after a while, check your mail filter settings and that the address you entered is correct. If you filter incoming mail, allow mail from ${from} and start again.`,
  },
  errors: {
    network_error: 'A network error occurred. Check your connection and try again. What you typed has been kept.',
    notFoundTitle: 'Page not found',
    sessionEnded: 'Your session has expired or you have logged out. Please log in again.',
  },
};

export default site;
