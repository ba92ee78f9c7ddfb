/**
 * A small HTTP client for service tests: JSON in and out, and a cookie jar like a browser's
 * (one per client = one browser). Sends Origin like a browser does on POST, so the CSRF check
 * passes; pass `origin: null` to leave it out or another value to test the refusal.
 */
export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export function createClient(baseUrl: string) {
  const jar = new Map<string, string>();

  function remember(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line);
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  }

  async function request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    opts: { origin?: string | null; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && opts.origin !== null) headers.origin = opts.origin ?? baseUrl;
    const res = await fetch(baseUrl + path, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    remember(res.headers);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  return {
    jar,
    get: <T = Record<string, unknown>>(path: string, opts?: { headers?: Record<string, string> }) =>
      request<T>('GET', path, undefined, opts),
    post: <T = Record<string, unknown>>(
      path: string,
      body?: unknown,
      opts?: { origin?: string | null; headers?: Record<string, string> },
    ) => request<T>('POST', path, body, opts),
    del: <T = Record<string, unknown>>(
      path: string,
      opts?: { origin?: string | null; headers?: Record<string, string> },
    ) => request<T>('DELETE', path, undefined, opts),
  };
}
export type TestClient = ReturnType<typeof createClient>;
