import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/rules-index.js';

/**
 * src-server/README.md's layers, in what an import check cannot see: SQL is written in
 * repositories only. (.dependency-cruiser.cjs checks the imports: routes never reach a repository.)
 */
const QUERY = /\.(selectFrom|updateTable|insertInto|deleteFrom|replaceInto|mergeInto)\(|\bsql`/;

describe('layers of src-server', () => {
  it('services and routes run no query of their own: the SQL is in the folder’s repository', () => {
    const server = path.join(REPO, 'src-server');
    const files = readdirSync(server, { recursive: true, encoding: 'utf8' }).filter((f) =>
      /\.(service|routes)\.ts$/.test(f),
    );
    expect(files.length).toBeGreaterThan(10);
    const leaking = files
      .filter((f) => QUERY.test(readFileSync(path.join(server, f), 'utf8')))
      .map((f) => `src-server/${f}`);
    expect(leaking).toEqual([]);
  });
});
