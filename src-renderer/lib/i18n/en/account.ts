import type ja from '../ja/account.js';

/**
 * English: 求人者マイページホーム, 各種設定 and ログアウト.
 * Same shape as ja/account.ts (the compiler checks it).
 */
const account: typeof ja = {
  home: {
    title: 'Employer My Page home',
    honorific: (company: string) => `${company}`,
    office: 'Hello Work office in charge',
    messages: 'New messages',
    messagesCount: (n: number) => `${n}`,
    tableCaption: 'Job postings',
    category: 'Category',
    openings: 'Postings',
    hires: 'Hires',
    categories: { general: 'General', student: 'Students', disabled: 'Persons with disabilities' },
    count: (n: number) => `${n}`,
    people: (n: number) => `${n}`,
    outside: 'This link leaves Employer My Page.',
    events: 'Event search',
  },
  menu: { home: 'Home', settings: 'Settings', logout: 'Log out' },
  settings: {
    title: 'Settings',
    lead: 'Choose what to change.',
    password: 'Change password',
    email: 'Change ID (e-mail address)',
    devices: 'One-time password skip settings',
    withdraw: 'Withdraw from My Page',
    currentPassword: 'Current password',
    change: 'Change',
    passwordLead: 'Enter your current password and the new password, and click "Change".',
    passwordDone: 'Your password has been changed. The one-time password skip was cleared on every device and browser.',
    otpAgain:
      'After changing your ID or password in the settings, the one-time password is required at the next login.',
    newId: 'New ID (e-mail address)',
    emailLead:
      'Enter the new ID (e-mail address) and your current password, and click "Next". An authentication key is sent to the new address.',
    emailKeyTitle: 'Enter authentication key',
    emailKeyLead: 'Enter the authentication key sent to the new e-mail address and click "Send".',
    emailDone: 'Your ID (e-mail address) has been changed. Log in with the new ID from now on.',
    devicesLead:
      'Devices and browsers that skip the one-time password. Click "Revoke" to require the one-time password again on that device from its next login.',
    devicesCaption: 'Devices and browsers that skip the one-time password',
    deviceLabel: 'Device / browser',
    deviceCreated: 'Set on',
    deviceExpires: 'Valid until',
    deviceAction: 'Action',
    thisDevice: '(this device and browser)',
    revoke: 'Revoke',
    revokeNamed: (label: string) => `Revoke the skip for ${label}`,
    revoked: (label: string) => `The one-time password skip for ${label} was revoked.`,
    noDevices: 'No device or browser skips the one-time password.',
    withdrawLead:
      'After withdrawing you can no longer log in to Employer My Page. Within 30 days of withdrawal you can resume from "Re-register account" on the login screen.',
    withdrawButton: 'Withdraw',
    withdrawAgree: 'I have read the above and withdraw from My Page',
    withdrawDoneTitle: 'Withdrawal complete',
    withdrawDone: 'You have withdrawn from My Page.',
  },
  logout: {
    title: 'Log out',
    done: 'You have logged out.',
    failed: 'The logout could not be confirmed. On a shared terminal, please close the browser.',
  },
};

export default account;
