import type ja from '../ja/recovery.js';

/**
 * English: パスワード再登録, the password policy and アカウントを再登録.
 * Same shape as ja/recovery.ts (the compiler checks it).
 */
const recovery: typeof ja = {
  forgot: {
    title: 'Employer My Page password re-registration',
    crumb: 'Password re-registration',
    lead: [
      'Enter the ID (e-mail address) registered for your account and click "Next".',
      'A "password re-registration accepted" e-mail will be sent to that address.',
    ],
  },
  reset: {
    title: 'Password re-registration',
    lead: 'A "password re-registration accepted" e-mail has been sent to the address you entered. Check the authentication key in it, enter the new password, its confirmation and the authentication key, and click "Done".',
    newPassword: 'New password',
    confirm: 'New password (confirmation)',
    key: 'Authentication key',
    keyHint: 'The authentication key in the e-mail',
    policyHeading: 'About passwords',
    policy: 'Use 8 to 32 half-width characters combining digits, letters and symbols.',
    keyTtlHeading: 'About password re-registration',
    keyTtl:
      'The authentication key becomes invalid 50 minutes after the e-mail was sent. If it is invalid, start the password re-registration again from the beginning.',
    dontCloseHeading: 'Do not close the "Password re-registration" screen',
    dontClose:
      'Do not close this screen before completing the registration. If you close it, start again from "Forgot your password?".',
    restart: 'Start the password re-registration again',
    doneTitle: 'Password re-registration complete',
    done: 'Your new password has been set.',
    skipClearedHeading: 'The one-time password skip settings are cleared',
    skipCleared:
      'Completing the password re-registration clears the skip setting on every device and browser; the one-time password is required again from the next login. To skip it, set it again on the "Enter one-time password" screen.',
  },
  policy: {
    heading: 'Password conditions',
    met: 'met',
    unmet: 'not met',
    rules: {
      length: '8 to 32 characters',
      halfWidth: 'Half-width digits, letters and symbols only',
      digit: 'Contains a digit',
      letter: 'Contains a letter',
      symbol: 'Contains a symbol',
    },
    match: 'Matches the new password',
  },
  rereg: {
    title: 'Account re-registration',
    lead: [
      'Enter the e-mail address and password you used for the account, and click "Next".',
      'An authentication key is sent to that address; enter it on the "Enter authentication key" screen.',
    ],
    keyTitle: 'Enter authentication key',
    keyLead: 'Enter the authentication key sent to your e-mail address and click "Send".',
    doneTitle: 'Account re-registration complete',
    done: 'Your account has been re-registered. Please log in from the login screen.',
    doneOtp: 'After resuming My Page, the one-time password is required even with the same account.',
  },
};

export default recovery;
