import { $adminToken, forgetToken } from './admin-token.ts'

/** An admin API answer: its JSON body, or the server's error (or the network's) as one sentence. */
export type AdminAnswer<T> = { ok: true; body: T } | { ok: false; status: number; code: string; message: string }

/**
 * Calls the admin API with `Authorization: Bearer ADMIN_TOKEN`. A 401 or 403 forgets the token,
 * so the page asks for it again and says why; the call answers the refusal too.
 */
export async function adminFetch<T>(path: string, init: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<AdminAnswer<T>> {
  const token = $adminToken.get()
  if (!token) return { ok: false, status: 401, code: 'admin_token_required', message: 'enter the admin token first' }
  let response: Response
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: { Authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      // The admin API is this origin's; nothing of the page goes elsewhere.
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    })
  } catch {
    return { ok: false, status: 0, code: 'network', message: 'the demo server did not answer; is `npm run demo` running?' }
  }
  const body = await response.json().catch(() => null)
  if (response.ok && body !== null) return { ok: true, body: body as T }
  const error = body?.error ?? { code: 'unreadable', message: `the server answered ${response.status} without a readable body` }
  if (response.status === 401 || response.status === 403) {
    forgetToken(`The server refused this token (${response.status}: ${error.message}). Enter the ADMIN_TOKEN again.`)
  }
  return { ok: false, status: response.status, code: String(error.code), message: String(error.message) }
}
