/**
 * The identity documents 「IDを表示」 records (the brief: a fixed list in src-shared; these are its
 * codes, worded by the catalog's `documents`).
 */
export const documentKinds = ['drivers_license', 'my_number_card', 'passport', 'residence_card', 'health_insurance_card', 'employee_id_card', 'other'] as const;
export type DocumentKind = (typeof documentKinds)[number];
