import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints, type Endpoint } from '../../src-shared/endpoints.js';
import { API_MD } from '../support/rules-index.js';
import { startTestService, type TestService } from '../support/service-harness.js';

// API.md writes a path parameter `{id}`; the table writes `:id`.
const apiMd = readFileSync(API_MD, 'utf8');
const inApiMd = (e: Endpoint) => apiMd.includes(`\`${e.method} ${e.path.replace(/:(\w+)/g, '{$1}')}`);
const table = Object.entries(endpoints as Record<string, Endpoint>);

describe('the endpoints table (src-shared/endpoints.ts) describes the contract beyond API.md', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService();
  });
  afterAll(() => svc.close());

  it('every endpoint API.md does not list says what it answers and why (`about`); those it lists leave it to API.md', () => {
    expect(table.filter(([, e]) => !inApiMd(e) && !e.about).map(([name]) => name)).toEqual([]);
    expect(table.filter(([, e]) => inApiMd(e) && e.about).map(([name]) => name)).toEqual([]);
  });

  it("the OpenAPI document carries each `about` as its operation's description", async () => {
    const doc = (await (await fetch(`${svc.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { description?: string }>>;
    };
    for (const [, e] of table.filter(([, e]) => e.about)) {
      const operation = doc.paths[e.path.replace(/:(\w+)/g, '{$1}')]?.[e.method.toLowerCase()];
      expect(operation?.description, `${e.method} ${e.path}`).toBe(e.about);
    }
  });
});
