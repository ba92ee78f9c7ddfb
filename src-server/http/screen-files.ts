import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendError } from './errors.js';
import { pageAssets } from './page-assets.js';

/**
 * Serves the built screens (dist/renderer) at `/` when they exist, and answers every other GET
 * that is not under /api with index.html (the screens route on the client; the staff listener
 * passes `index: 'staff.html'` and hides the employer's index.html). Unknown /api paths
 * and other methods get a JSON 404.
 */
export async function installScreenFiles(
  app: FastifyInstance,
  dir: string | undefined,
  opts: { index?: string; hide?: string[]; onlyOwnAssets?: boolean } = {},
): Promise<void> {
  const root = dir ? resolve(dir) : undefined;
  const index = opts.index ?? 'index.html';
  const hidden = new Set((opts.hide ?? []).map((f) => `/${f}`));
  const serve = root !== undefined && existsSync(resolve(root, index));
  // onlyOwnAssets: of assets/, only what the index page needs (another page's bundles are not served)
  const own = serve && opts.onlyOwnAssets ? pageAssets(root, index) : undefined;
  const assetAllowed = (name: string) => own === undefined || own.has(name);
  const allowed = (p: string) =>
    !hidden.has(p) && (!p.startsWith('/assets/') || assetAllowed(p.slice('/assets/'.length)));
  if (serve) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index,
      cacheControl: true,
      maxAge: 0,
      ...(hidden.size || own ? { allowedPath: allowed } : {}),
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/api/');
    // The screens reference their bundles relatively (./assets/…, so the kiosk can load them from
    // disk); on a deep link like /settings/devices the browser then asks for /settings/assets/….
    const asset = /\/assets\/([A-Za-z0-9._-]+)(?:\?.*)?$/.exec(request.url);
    if (serve && isPage && asset?.[1] && !asset[1].startsWith('.') && assetAllowed(asset[1]))
      return reply.sendFile(`assets/${asset[1]}`);
    if (serve && isPage && (request.headers.accept ?? '').includes('text/html')) {
      return reply.header('cache-control', 'no-cache').sendFile(index);
    }
    return sendError(reply, 'not_found');
  });
}
