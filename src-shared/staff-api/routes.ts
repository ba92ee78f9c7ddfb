import { z } from 'zod';
import * as s from '../api/schemas.js';
import { buildTable } from '../endpoint-table.js';
import * as actions from './actions.js';
import * as auth from './auth.js';
import { staffEndpoints, type StaffSchemaKit } from './endpoints.js';

const kit: StaffSchemaKit = { z, s, auth, actions };

/**
 * The staff listener's endpoints (STAFF_PORT, issue 14): the table of ./endpoints.ts (written
 * once, without zod) with its schemas built. The service registers its staff routes from it; the
 * tests call through it. The console calls through the table itself (no zod in its bundle).
 */
export const staffApi = buildTable(staffEndpoints, kit);

export type StaffApiName = keyof typeof staffApi;
