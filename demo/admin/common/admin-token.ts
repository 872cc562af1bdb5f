import { atom } from 'nanostores'

// The admin pages ask for ADMIN_TOKEN once and keep it in sessionStorage: for this tab only,
// gone when the tab closes, and never in an address (docs/protocol.md, "Admin pages").

const KEY = 'doorway-admin-token'

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null
  } catch {
    // Storage refused (privacy settings): the token lives in memory until the page is left.
    return null
  }
}

/** The token the admin API is called with; null while the page asks for it. */
export const $adminToken = atom<string | null>(storage()?.getItem(KEY) || null)

/** Why the page asks again: the server refused the token it had. */
export const $tokenRefusal = atom<string | null>(null)

/** Keeps a token for this tab. */
export function rememberToken(token: string): void {
  storage()?.setItem(KEY, token)
  $tokenRefusal.set(null)
  $adminToken.set(token)
}

/** Forgets the token and says why, so the page asks for it again with that reason. */
export function forgetToken(reason: string | null): void {
  storage()?.removeItem(KEY)
  $tokenRefusal.set(reason)
  $adminToken.set(null)
}
