import { z } from 'zod';
import { buildTable } from '../endpoint-table.js';
import { endpoints, type SchemaKit } from '../endpoints.js';
import * as s from './schemas.js';

const kit: SchemaKit = { z, s };

/**
 * The table of the v1 endpoints (src-shared/endpoints.ts, written once and without zod) with
 * their schemas built. The service registers every route from it (src-server/http/table-routes.ts:
 * `registerTable`, one handler per entry) and main's client calls through it.
 */
export const api = buildTable(endpoints, kit);

export type ApiName = keyof typeof api;
