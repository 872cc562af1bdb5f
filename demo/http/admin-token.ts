import { hash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { HttpError } from './http-error.ts'

/** What an ADMIN_TOKEN must be: 16 to 512 printable ASCII characters, which any HTTP client sends as written. */
export const ADMIN_TOKEN_SHAPE = /^[\x21-\x7e]{16,512}$/

/** Refuses a request without `Authorization: Bearer ADMIN_TOKEN` (the scheme in any case, RFC 9110). */
export function requireAdmin(req: IncomingMessage, adminToken: string): void {
  const given = /^Bearer +(\S+) *$/i.exec(req.headers.authorization ?? '')?.[1] ?? ''
  // Digests of equal length, compared in constant time: the answer's timing tells nothing of the
  // token, not even its length.
  if (!timingSafeEqual(hash('sha256', given, 'buffer'), hash('sha256', adminToken, 'buffer'))) {
    throw new HttpError(401, 'admin_token_required', 'send the ADMIN_TOKEN as "Authorization: Bearer TOKEN"')
  }
}
