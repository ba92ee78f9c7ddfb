/**
 * The identity documents 「IDを表示」 records: the service's own list (src-shared, zod-free, so the
 * console's bundle does not load zod with it); the catalog's `documents` words each.
 */
export {
  identityDocumentKinds as documentKinds,
  type IdentityDocumentKind as DocumentKind,
} from '../../../src-shared/staff-api/document-kinds.js';
