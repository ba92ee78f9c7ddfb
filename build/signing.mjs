// Where the signing material comes from: the environment only, never the repository.
// Used by the afterPack hook (banner), build/dist.mjs (Azure options) and test/build.

/** How Windows executables and installers will be signed, or null when they will not. */
export function windowsSigning(env = process.env) {
  if (env.WIN_CSC_LINK || env.CSC_LINK) return 'certificate file (CSC_LINK / WIN_CSC_LINK)';
  if (azureSignOptions(env)) return 'Azure Trusted Signing (KIOSK_AZURE_*, AZURE_* credentials)';
  return null;
}

/** How the Linux .deb will be signed (build/sign-deb.sh, after electron-builder), or null. */
export function linuxSigning(env = process.env) {
  return env.KIOSK_DEB_SIGNING_KEY ? 'build/sign-deb.sh (KIOSK_DEB_SIGNING_KEY, debsigs)' : null;
}

/**
 * electron-builder 26's `win.azureSignOptions`, from KIOSK_AZURE_SIGN_* variables; null unless all
 * four are set. The Entra ID login itself comes from AZURE_TENANT_ID/AZURE_CLIENT_ID/... which
 * electron-builder passes through to Invoke-TrustedSigning.
 */
export function azureSignOptions(env = process.env) {
  const options = {
    endpoint: env.KIOSK_AZURE_SIGN_ENDPOINT,
    codeSigningAccountName: env.KIOSK_AZURE_SIGN_ACCOUNT,
    certificateProfileName: env.KIOSK_AZURE_SIGN_PROFILE,
    publisherName: env.KIOSK_AZURE_SIGN_PUBLISHER,
  };
  return Object.values(options).every(Boolean) ? options : null;
}

/** A banner nobody can miss in a CI log; null when the platform's artifacts will be signed. */
export function unsignedBanner(platform, env = process.env) {
  const how = platform === 'win32' ? windowsSigning(env) : platform === 'linux' ? linuxSigning(env) : null;
  if (how) return null;
  const line = '!'.repeat(72);
  const remedy =
    platform === 'win32'
      ? 'Set CSC_LINK + CSC_KEY_PASSWORD, or KIOSK_AZURE_SIGN_* with AZURE_* credentials.'
      : 'Set KIOSK_DEB_SIGNING_KEY and run build/sign-deb.sh on the .deb.';
  return [
    line,
    `!!  UNSIGNED ${platform} BUILD: do not install it on a kiosk terminal.`,
    `!!  ${remedy}`,
    '!!  See docs/build.md ("Signing").',
    line,
  ].join('\n');
}
