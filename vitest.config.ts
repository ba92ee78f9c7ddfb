import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Unit and service tests. Browser suites (Playwright) live under test/e2e and run separately.
// Two projects: `node` (everything as before) and `renderer` (the screens' state classes, whose
// `*.svelte.ts` runes need the Svelte compiler).
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/renderer/**', 'node_modules/**'],
        },
      },
      { extends: true, plugins: [svelte()], test: { name: 'renderer', include: ['test/renderer/**/*.test.ts'] } },
    ],
  },
});
