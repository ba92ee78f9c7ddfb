import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The screens, with two entries (strict CSP: no inline script or style): index.html, served by
// the service at `/` to browsers, and kiosk.html, the kiosk shell over the same screens, which the
// Electron kiosk loads (its chunks are modulepreloaded there, so a fresh page after a wipe fetches
// them in one round trip; the browser's login page never loads kiosk code).
// `npm run build:renderer` writes dist/renderer.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [svelte()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // Everything is a file: no data: URLs and no inline <style>/<script> the CSP would refuse.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
    rolldownOptions: {
      input: { index: `${root}index.html`, kiosk: `${root}kiosk.html`, staff: `${root}staff.html` },
      treeshake: { manualPureFunctions: ['z'] },
      output: {
        // Few, larger chunks: a fresh kiosk page after a wipe (HTTP cache cleared) pays per request.
        // `screens`: what index.html and kiosk.html both start with (`$initial`: imported, not
        // fetched later) — the Svelte runtime, the model, the login path and the Japanese catalog.
        // `after-login`: the rest of the screens and what only they use — the lazy screens of the
        // table of screens (lib/screens.ts), which only screens/after-login.ts reaches; no list of
        // files here. The kiosk shell (with the kiosk's own src-shared/kiosk-*.ts), the entries and
        // the English catalog keep chunks of their own.
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: [
            {
              // The staff console (staff.html): its screens, its catalog and the passkey library
              // only; the employer's pages never load this chunk (renderer-chunks.test.ts). The kiosk
              // version check (src-shared/kiosk-version.ts, 最低バージョン) is the console's alone here:
              // left out, it stayed in the entry and the console moved to a chunk of its own.
              name: 'staff',
              priority: 3,
              test: /src-renderer[\\/](staff[\\/]|lib[\\/]i18n[\\/]staff[\\/](?!en\.ts|errors-en\.ts))|src-shared[\\/](staff-api[\\/]|kiosk-version\.ts)|node_modules[\\/]@simplewebauthn[\\/]/,
            },
            {
              name: 'screens',
              priority: 2,
              tags: ['$initial'],
              test: /node_modules[\\/]svelte[\\/]|src-shared[\\/](?!kiosk-)|src-renderer[\\/](App\.svelte|app-entry\.ts|styles[\\/]|screens[\\/]|lib[\\/](?!i18n[\\/]en\.ts|host[\\/]kiosk-host\.ts))/,
            },
            {
              name: 'after-login',
              priority: 1,
              test: /src-renderer[\\/](screens|lib[\\/](state|components))[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: { port: 5173, strictPort: true },
});
