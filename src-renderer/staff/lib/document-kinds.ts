import type { IdentityDocumentKind } from '../../../src-shared/staff-api/actions.js';

/**
 * The identity documents 「IDを表示」 records: src-shared/staff-api/actions.ts's list, copied so the
 * console's bundle does not load zod with it; the catalog's `documents` words each.
 */
export const documentKinds = ['drivers_license', 'my_number_card', 'passport', 'residence_card', 'health_insurance_card', 'employee_id_with_registry', 'other'] as const;
export type DocumentKind = (typeof documentKinds)[number];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The copy is the service's list, no more and no less (a compile error otherwise). */
export const documentKindsMatch: Same<DocumentKind, IdentityDocumentKind> = true;
