// Builds the screens into the folder given (argv[2]) with the real Vite config and prints, as
// JSON, each JS chunk: its file, whether it is an entry, its static imports and its modules.
// A child process, so that the Vitest run that asks for it keeps its own Vite untouched.
import { build } from 'vite';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..', '..');
const out = await build({
  configFile: resolve(root, 'src-renderer', 'vite.config.ts'),
  logLevel: 'silent',
  build: { outDir: process.argv[2], emptyOutDir: true },
});
const chunks = (Array.isArray(out) ? out : [out])
  .flatMap((o) => o.output)
  .filter((c) => c.type === 'chunk')
  .map((c) => ({
    file: c.fileName,
    name: c.name,
    isEntry: c.isEntry,
    imports: c.imports,
    modules: c.moduleIds.map((id) => id.slice(root.length + 1)),
  }));
process.stdout.write(JSON.stringify(chunks));
