import type ja from '../ja/login.js';

/**
 * English: ログイン, ワンタイムパスワード and the confirmation of the browser setting.
 * Same shape as ja/login.ts (the compiler checks it).
 */
const login: typeof ja = {
  login: {
    title: 'Employer My Page login',
    crumb: 'Login',
    lead: 'Enter the e-mail address and password registered for your account.',
    id: 'ID (e-mail address)',
    password: 'Password',
    submit: 'Log in',
    forgot: 'Forgot your password?',
    reregHeading: 'If you withdrew from My Page within the last 30 days',
    reregBody: [
      'To use My Page again, re-register your account.',
      'Click "Re-register account" and enter the e-mail address and password you used for the account.',
      'An authentication key is sent to that address; enter it on the "Enter authentication key" screen.',
    ],
    rereg: 'Re-register account',
    expiredHeading: 'If 31 days or more have passed since you withdrew',
    expiredBody: 'To use My Page again, please contact your nearest Hello Work office.',
    forgotIdHeading: 'If you forgot your ID (e-mail address)',
    forgotIdBody:
      'If you forgot your ID (e-mail address), please visit the Hello Work office in charge of your area and ask them to confirm it. Hello Work offices cannot tell you your password; if you forgot it, re-register it from the login screen.',
    lockHeading: 'If your account is locked',
    lockedNow: 'The password was entered wrongly 5 times, so login is locked.',
    oneMoreLocks: 'One more wrong password locks login for about 30 minutes.',
    lockWayOut: {
      web: 'To sign in now, reset your password with "Forgot your password?": that also lifts the lock.',
      kiosk: 'To sign in now, please ask the staff at the counter: they can lift the lock.',
    },
    lockBody: 'After 5 wrong passwords at login the account is locked. Please wait about 30 minutes and try again.',
    withdrawnReregistrable:
      'This account has been withdrawn. If you withdrew within the last 30 days, you can resume from "Re-register account".',
  },
  otp: {
    title: 'Enter one-time password',
    lead: [
      'To verify that it is you, we sent a one-time password to the e-mail address registered for your account.',
      'For details of the one-time password and how to skip it, see the bottom of this page.',
      'Enter the one-time password below and press "Send" to log in.',
    ],
    notArrived: (from: string) => [
      'If the "one-time password notice" does not arrive after a while, it may be blocked by security software, be in your spam folder, or be refused by a mail filter.',
      'Please check your settings and log in again.',
      `If you filter incoming mail, allow mail from ${from}.`,
    ],
    label: 'One-time password',
    hint: 'The 6 digits in the e-mail',
    noteMark: 'Note',
    sharedWarning: 'On a shared terminal that other people may use, do not tick the checkbox below.',
    skip: 'Skip the one-time password when logging in from this device and browser from now on',
    aboutHeading: 'About the one-time password',
    about: [
      'A one-time password is issued at each login and is valid only once.',
      'Checking the one-time password in addition to your account details (ID and password) prevents unauthorised logins and impersonation. We strongly recommend using it.',
      'A one-time password is valid for 30 minutes. After that, please log in again.',
    ],
    aboutSkip: [
      'On a device only you use, such as your home computer, you may skip entering the one-time password if you wish.',
      'To skip it, tick "Skip the one-time password when logging in from this device and browser from now on".',
      'You can change this setting at any time in the settings screens.',
    ],
    againHeading: 'Even with the skip setting, the one-time password is required again when:',
    again: [
      '90 days have passed since the skip was set',
      'you log in from another device or browser without the setting (set it at the first login there to skip it afterwards)',
      'you resume My Page after withdrawing (even with the same account)',
      'you changed your ID or password in the settings screens',
    ],
    endedTitle: 'The one-time password is no longer valid',
  },
  confirm: {
    title: 'Confirm skipping the one-time password',
    mark: 'Note',
    body: [
      '"Skip the one-time password when logging in from this device and browser from now on" is ticked.',
      'Do you want to skip the one-time password from the next login on? (valid for 90 days)',
    ],
    why: 'Checking the one-time password in addition to your account details (ID and password) prevents unauthorised logins and impersonation. We strongly recommend using it.',
    canceled: 'The skip setting was not made. Press "Send" to log in.',
    doneNotice:
      'From the next login, the one-time password will be skipped (valid for 90 days). After that, set the skip again.',
  },
};

export default login;
