/** Thrown for a non-2xx answer; `status` drives the UI (401 → sign-in, 403 → "your role cannot…"). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

let onUnauthorized: () => void = () => undefined;

/** Called whenever the session is missing or expired. */
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

/** JSON over fetch with the session cookie (httpOnly: the page never holds the token). */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (response.status === 204) return undefined as T;
  const payload = (await response.json().catch(() => ({}))) as { message?: unknown; problems?: string[] };
  if (!response.ok) {
    if (response.status === 401 && !path.endsWith('/api/auth/session')) onUnauthorized();
    const message = Array.isArray(payload.message)
      ? payload.message.join('; ')
      : String(payload.message ?? response.statusText);
    throw new ApiError(response.status, message, payload.problems ?? []);
  }
  return payload as T;
}

/** Query string from defined values. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
