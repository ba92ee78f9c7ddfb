#!/usr/bin/env node
// The package's `mypage` command. The service runs from its TypeScript sources through tsx (a
// dependency), registered in this same process — no build step, and signals (Ctrl+C, SIGTERM
// from a service manager) reach the service itself.
import { readFileSync } from 'node:fs';

// On a Node older than package.json `engines` (Node 20 is past its end of life) the native
// modules are not built for it and would crash: say which Node to use instead (docs/deploy.md).
const engines = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).engines.node;
if (Number(process.versions.node.split('.')[0]) < Number(/\d+/.exec(engines)[0])) {
  console.error(
    `mypage: Node ${process.version} is too old (package.json engines: ${engines}). Run it with the project's ` +
      `Node: runtime/node_modules/.bin/node bin/mypage.js …, or first: eval "$(node scripts/runtime.mjs --env)"`,
  );
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
await import('../src-server/cli/main.ts');
