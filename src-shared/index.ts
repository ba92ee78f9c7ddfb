export * from './rules.js';
export * from './account-id.js';
export * from './password-policy.js';
export * from './attestation.js';
export * from './api/errors.js';
export * from './api/schemas.js';
export * from './api/routes.js';
export * from './host.js';
