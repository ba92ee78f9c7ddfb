import type { Catalog } from './ja.js';
import account from './en/account.js';
import login from './en/login.js';
import recovery from './en/recovery.js';
import site from './en/site.js';

/** English, behind the 日本語 / English switch: one file per group of screens (en/), each the shape of its ja/ twin. */
const en: Catalog = { ...site, ...login, ...recovery, ...account };

export default en;
