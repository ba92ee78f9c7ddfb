import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The screens: one bundle served by the service at `/` (strict CSP: no inline script or style)
// and loaded by the kiosk shell. `npm run build:renderer` writes dist/renderer.
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
    rolldownOptions: { treeshake: { manualPureFunctions: ['z'] } },
  },
  server: { port: 5173, strictPort: true },
});
