import type { FastifyInstance } from 'fastify';
import { openApiDocument, type OpenApiDocument } from './document.js';
import { listeners, type ListenerName } from './listeners.js';

const built = new Map<string, OpenApiDocument>();

/** The document of a listener whose cookies are (or are not) `__Host-`: built once per process, on first use. */
export function documentOf(listener: ListenerName, secureCookies: boolean): OpenApiDocument {
  const key = `${listener}:${secureCookies}`;
  let doc = built.get(key);
  if (!doc)
    built.set(key, (doc = openApiDocument(listeners[listener](secureCookies), listener === 'staff' ? 'Staff' : '')));
  return doc;
}

/**
 * `GET /api/openapi.json` on a listener: its own document (the employer API on the employer
 * listener, the staff API on the staff listener), naming the cookies as this listener sets them.
 * Call it after the cookie policy is installed.
 */
export function serveOpenApi(app: FastifyInstance, listener: ListenerName): void {
  app.get('/api/openapi.json', async () => documentOf(listener, app.cookiePolicy.secure));
}
