import type { ContactRow, Queries } from '../store/queries.ts'
import { hashToken } from '../store/scoped-id.ts'
import type { BotExchange } from './bot-route.ts'
import { HttpError } from './http-error.ts'
import { refuseIfLimited } from './rate-limit.ts'

const TOKEN = /^[A-Za-z0-9_-]{22,128}$/

/**
 * The visitor token: `Authorization: Bearer`, or `?token=` where headers cannot be set
 * (EventSource). Each one is rate limited on its own, per bot.
 */
export async function visitorToken(r: BotExchange): Promise<string> {
  const header = r.req.headers.authorization
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : r.url.searchParams.get('token')
  if (!token) throw new HttpError(401, 'missing_token', 'send the visitor token as "Authorization: Bearer TOKEN"')
  if (!TOKEN.test(token)) throw new HttpError(401, 'invalid_token', 'a visitor token is 22 to 128 characters of A-Z a-z 0-9 _ -')
  // Keyed by the token's hash: in a shared database the buckets hold no usable token.
  refuseIfLimited(await r.context.visitorLimiter.take(`${r.bot.id}:${hashToken(token)}`), 'this visitor')
  return token
}

/** The key a visitor's transactions queue on (Store.transaction's `serialiseOn`). */
export const visitorKey = (r: BotExchange, token: string) => `visitor:${r.bot.id}:${hashToken(token)}`

/**
 * The visitor's contact, read with `queries` (a transaction's, or the store's); made when
 * `create`, else a 404 that says to start a session.
 */
export async function contactOf(r: BotExchange, token: string, create: boolean, queries: Queries = r.context.store): Promise<ContactRow> {
  const contact = await queries.contactByToken(r.bot.id, token)
  if (contact) return contact
  if (!create) throw new HttpError(404, 'unknown_visitor', 'this visitor has no conversation yet; POST /session first')
  return queries.createContact(r.bot.id, token)
}
