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
      input: { index: `${root}index.html`, kiosk: `${root}kiosk.html` },
      treeshake: { manualPureFunctions: ['z'] },
      output: {
        // Few, larger chunks: a fresh kiosk page after a wipe (HTTP cache cleared) pays per request.
        // `after-login`: the screens reached only after the login form (screens/lazy-screens.ts),
        // with what only they use; `screens`: the Svelte runtime, the model, the login path and the
        // Japanese catalog — what index.html and kiosk.html both start with. The kiosk shell (with
        // the kiosk's own src-shared/kiosk-*.ts), the entries and the English catalog keep chunks
        // of their own.
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: [
            {
              name: 'after-login',
              priority: 2,
              test: /src-renderer\/(screens\/(after-login\.ts|(?!(LoginScreen|MessageScreen|Screen)\.svelte)[^/]+\.svelte)|lib\/state\/(recovery|settings)\.svelte\.ts|lib\/components\/(NewPasswordFields|PolicyChecklist|MailGuidance)\.svelte)/,
            },
            {
              name: 'screens',
              priority: 1,
              test: /node_modules\/svelte\/|src-shared\/(?!kiosk-)|src-renderer\/(App\.svelte|app-entry\.ts|styles\/|screens\/|lib\/(?!i18n\/en\.ts|host\/kiosk-host\.ts))/,
            },
          ],
        },
      },
    },
  },
  server: { port: 5173, strictPort: true },
});
