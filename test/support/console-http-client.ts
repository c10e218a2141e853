/** A plain HTTP client for the console API in e2e tests: bearer token or raw headers, JSON or raw bodies. */
export class ConsoleHttpClient {
  constructor(readonly baseUrl: string) {}

  /** Signs in with an API key; returns the session token (also set as the `vigil_session` cookie). */
  async signIn(apiKey: string): Promise<string> {
    const response = await this.call('POST', '/api/auth/session', { body: { apiKey } });
    if (response.status !== 200) throw new Error(`sign-in answered ${response.status}`);
    return ((await response.json()) as { token: string }).token;
  }

  /** `body` is sent as JSON unless `rawBody` is given (then with the caller's content type). */
  call(
    method: string,
    route: string,
    options: {
      token?: string;
      body?: unknown;
      rawBody?: string | FormData;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Response> {
    const json = options.body !== undefined && options.rawBody === undefined;
    return fetch(this.baseUrl + route, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(json ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      body: options.rawBody ?? (json ? JSON.stringify(options.body) : undefined),
    });
  }

  /** Reads a server-sent event stream for `durationMs` (calling `during` once it is open); returns the text. */
  async readStream(
    route: string,
    token: string,
    durationMs: number,
    during?: () => Promise<void>,
  ): Promise<string> {
    const controller = new AbortController();
    const response = await fetch(this.baseUrl + route, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    if (response.status !== 200) throw new Error(`${route} answered ${response.status}`);
    let text = '';
    const reading = (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of response.body!)
          text += decoder.decode(chunk as Uint8Array, { stream: true });
      } catch {
        // aborted
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await during?.();
    await new Promise((resolve) => setTimeout(resolve, durationMs));
    controller.abort();
    await reading;
    return text;
  }
}
