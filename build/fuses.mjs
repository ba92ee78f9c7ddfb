// electron-builder afterPack hook: flips the kiosk's Electron fuses (build/fuse-table.mjs) in the
// packed binary before electron-builder signs it, reads the wire back to prove it, and says
// loudly when the build will not be signed. KIOSK_TEST_BUILD=1 selects the Playwright build.
import { flipFuses, getCurrentFuseWire, FuseState, FuseV1Options } from '@electron/fuses';
import path from 'node:path';
import { fuseConfig, fuseStates, isTestBuild } from './fuse-table.mjs';
import { unsignedBanner } from './signing.mjs';

/** The Electron executable inside the packed app, named as electron-builder names it. */
export function electronBinaryPath({ appOutDir, electronPlatformName, packager }) {
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  if (electronPlatformName === 'linux') return path.join(appOutDir, packager.executableName);
  throw new Error(`hellowork-kiosk is built for win32 and linux only, not ${electronPlatformName}`);
}

/** Throws unless every fuse in the table has the wanted state in the wire read from the binary. */
export function verifyWire(wire, states) {
  const wrong = Object.entries(states).filter(([name, on]) => {
    const want = on ? FuseState.ENABLE : FuseState.DISABLE; // ASCII '1' / '0' in the wire
    return wire[FuseV1Options[name]] !== want;
  });
  if (wrong.length) throw new Error(`fuses not set after flipping: ${wrong.map(([n]) => n).join(', ')}`);
}

export default async function afterPack(context) {
  const testBuild = isTestBuild();
  const binary = electronBinaryPath(context);
  await flipFuses(binary, fuseConfig({ testBuild }));
  verifyWire(await getCurrentFuseWire(binary), fuseStates({ testBuild }));
  console.log(`  • fuses set for the ${testBuild ? 'PLAYWRIGHT TEST' : 'shipped'} build in ${binary}`);
  const banner = unsignedBanner(context.electronPlatformName);
  if (banner) console.warn(banner);
}
