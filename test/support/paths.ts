import { api, type ApiName } from '../../src-shared/api/routes.js';
import { fillPath } from '../../src-shared/host-calls.js';

/**
 * A path of the API table with its `:name` parts filled, e.g. `pathOf('deviceRevoke', { id })`.
 * Tests take paths from the table (`api.login.path`) so a path is written once; a literal
 * '/api/v1/…' in a test is one it sends on purpose although the table has no such path.
 */
export function pathOf(name: ApiName, params: Record<string, string> = {}): string {
  return fillPath(api[name].path, params);
}
