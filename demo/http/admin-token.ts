import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { HttpError } from './http-error.ts'

/** Refuses a request without `Authorization: Bearer ADMIN_TOKEN`. */
export function requireAdmin(req: IncomingMessage, adminToken: string): void {
  const given = Buffer.from(req.headers.authorization ?? '')
  const expected = Buffer.from(`Bearer ${adminToken}`)
  // Compared in constant time, so the answer's timing tells nothing about the token.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new HttpError(401, 'admin_token_required', 'send the ADMIN_TOKEN as "Authorization: Bearer TOKEN"')
  }
}
