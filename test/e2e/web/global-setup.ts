import { spawnSync } from 'node:child_process';

/**
 * The web suite drives the built screens as the service serves them (dist/renderer, strict CSP),
 * so build them first. SKIP_RENDERER_BUILD=1 reuses an existing build.
 */
export default function globalSetup(): void {
  if (process.env.SKIP_RENDERER_BUILD === '1') return;
  const r = spawnSync('npx', ['vite', 'build', '--config', 'src-renderer/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build of src-renderer failed');
}
