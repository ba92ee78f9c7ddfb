import axios from 'axios';
import { api } from '../../../src-shared/api/routes.js';

/** What GET /api/v1/meta gave: the answer with the service's Date header, or why there was none. */
export type MetaAnswer =
  { status: number; body: unknown; date: string | undefined; ms: number; localMidpoint: number } | { error: string };

export type MetaProbe = (origin: string) => Promise<MetaAnswer>;

/**
 * One GET of the meta endpoint through Node's HTTP stack, as the kiosk's service client reaches
 * the service (the same CA list and proxies), timed on `now` so the clock check can take the
 * middle of the round trip.
 */
export function metaProbe(now: () => number, timeoutMs = 10_000): MetaProbe {
  return async (origin) => {
    const started = now();
    try {
      const res = await axios.get(new URL(api.meta.path, origin).href, {
        timeout: timeoutMs,
        validateStatus: () => true,
        maxRedirects: 0,
        headers: { Accept: 'application/json' },
      });
      const ended = now();
      const date = res.headers.date as string | undefined;
      return { status: res.status, body: res.data, date, ms: ended - started, localMidpoint: (started + ended) / 2 };
    } catch (error) {
      const code = (error as { code?: string }).code;
      return { error: code ?? (error instanceof Error ? error.message : String(error)) };
    }
  };
}
