import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The assets one page of the build needs: the files of `assets/` its HTML names, and those they
 * name in turn (imports, dynamic imports, Vite's preload map, CSS urls), found by file name. So a
 * listener serving one page serves none of another page's bundles.
 */
export function pageAssets(root: string, page: string): Set<string> {
  const dir = resolve(root, 'assets');
  const files = existsSync(dir) ? new Set(readdirSync(dir)) : new Set<string>();
  const needed = new Set<string>();
  const queue = [readFileSync(resolve(root, page), 'utf8')];
  for (let text = queue.pop(); text !== undefined; text = queue.pop()) {
    for (const [name] of text.matchAll(
      /[A-Za-z0-9_-][A-Za-z0-9._-]*\.(?:js|css|woff2?|ttf|svg|png|jpg|webp|json|wasm)\b/g,
    )) {
      if (!files.has(name) || needed.has(name)) continue;
      needed.add(name);
      if (/\.(js|css)$/.test(name)) queue.push(readFileSync(resolve(dir, name), 'utf8'));
    }
  }
  return needed;
}
