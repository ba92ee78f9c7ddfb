/**
 * The identity documents an office may record for the seed's 確認依頼 (「IDを表示」; the console
 * words each). No zod here: the staff console imports this list at run time and its bundle stays
 * light; `actions.ts` builds the request schema from it.
 */
export const identityDocumentKinds = [
  'drivers_license',
  'my_number_card',
  'passport',
  'residence_card',
  'health_insurance_card',
  'employee_id_with_registry',
  'other',
] as const;
export type IdentityDocumentKind = (typeof identityDocumentKinds)[number];
