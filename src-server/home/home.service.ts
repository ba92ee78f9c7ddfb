import type { Executor } from '../db/schema.js';
import { loadHome } from './home.repository.js';

/** R-HOME-1: what the home screen shows for an account; undefined when it has no home (gone). */
export function homeOf(db: Executor, accountId: string) {
  return loadHome(db, accountId);
}
