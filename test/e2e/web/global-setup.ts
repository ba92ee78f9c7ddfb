import { buildRenderer } from '../../../scripts/build-renderer.mjs';

/**
 * The web suite drives the built screens as the service serves them (dist/renderer, strict CSP),
 * so build them first, when a source is newer than the last build (as `npm start` does).
 * SKIP_RENDERER_BUILD=1 reuses an existing build as it is.
 */
export default function globalSetup(): void {
  if (process.env.SKIP_RENDERER_BUILD === '1') return;
  const r = buildRenderer({ ifStale: true, logLevel: 'warn' });
  if (r.status !== 0) throw new Error('vite build of src-renderer failed');
}
