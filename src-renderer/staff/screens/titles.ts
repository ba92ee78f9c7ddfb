import type { StaffCatalog } from '../../lib/i18n/staff/ja.js';
import type { StaffView } from '../lib/staff-model.svelte.js';

/** Each screen's heading (and the page title): the names of the issue. */
export function titleOf(m: StaffCatalog, view: StaffView): string {
  switch (view.name) {
    case 'loading':
    case 'signin':
      return m.signin.title;
    case 'register':
      return m.register.title;
    case 'search':
      return m.search.title;
    case 'employer':
      return view.employer.company;
    case 'kiosks':
      return m.kiosks.title;
    case 'enroll':
      return m.enroll.title;
    case 'audit':
      return m.audit.title;
  }
}
