/**
 * Every screen after the login form, in one module: one dynamic import, one chunk
 * (`after-login`, see lazy-screens.ts and vite.config.ts).
 */
export { default as OtpScreen } from './OtpScreen.svelte';
export { default as OtpConfirmScreen } from './OtpConfirmScreen.svelte';
export { default as OtpEndedScreen } from './OtpEndedScreen.svelte';
export { default as PasswordForgotScreen } from './PasswordForgotScreen.svelte';
export { default as PasswordResetScreen } from './PasswordResetScreen.svelte';
export { default as PasswordResetDoneScreen } from './PasswordResetDoneScreen.svelte';
export { default as ReregisterScreen } from './ReregisterScreen.svelte';
export { default as ReregisterKeyScreen } from './ReregisterKeyScreen.svelte';
export { default as ReregisterDoneScreen } from './ReregisterDoneScreen.svelte';
export { default as HomeScreen } from './HomeScreen.svelte';
export { default as SettingsScreen } from './SettingsScreen.svelte';
export { default as SettingsPasswordScreen } from './SettingsPasswordScreen.svelte';
export { default as SettingsEmailScreen } from './SettingsEmailScreen.svelte';
export { default as SettingsEmailKeyScreen } from './SettingsEmailKeyScreen.svelte';
export { default as SettingsDevicesScreen } from './SettingsDevicesScreen.svelte';
export { default as SettingsWithdrawScreen } from './SettingsWithdrawScreen.svelte';
