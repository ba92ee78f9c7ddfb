import { PATH_PARAM_MAX_CHARS } from '../../src-shared/api/schemas.js';

/**
 * The router's options of both listeners. find-my-way measures a path parameter after decoding it
 * against `maxParamLength`; Fastify's default (100) answered 414 for ids the contract documents up
 * to 200. The bound is set from the contract with room above it, so every documented length
 * reaches its route, a length just beyond it gets the schema's 400 like any malformed id, and
 * only a path far beyond anything valid is 414.
 */
export const routerOptions = { maxParamLength: PATH_PARAM_MAX_CHARS * 5 } as const;
