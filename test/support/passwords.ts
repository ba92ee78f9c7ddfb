/**
 * The one password of test (and bench) employers: meets R-PW-4. Every suite imports it from here,
 * so a change of policy is one edit. (It is the one the browser suites always typed, so the
 * screenshots in docs/screens stay the same.)
 */
export const PASSWORD = 'Passw0rd!ok';

/** The password a test changes or resets to (also meets R-PW-4, and differs from PASSWORD). */
export const NEW_PASSWORD = 'N3w-passw0rd';
