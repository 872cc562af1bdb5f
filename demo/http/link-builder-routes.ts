import { parseEntryLink } from '../../widget/entry/index.ts'
import { signLink } from '../bot/signing.ts'
import { requireAdmin } from './admin-token.ts'
import { botDefinitions } from './bot-definitions.ts'
import { botOf } from './bot-route.ts'
import { HttpError } from './http-error.ts'
import { readJsonBody } from './read-body.ts'
import { sendJson } from './respond.ts'
import type { Exchange, Route } from './router.ts'

// The admin API behind the link builder (docs/protocol.md, "Admin: the link builder"): the bots'
// definitions, and signing a web link with a bot's secret, which never leaves the server.

/** Longest and shortest life of a signed link: a minute to a year. */
export const SIGNED_TTL = { min: 60, max: 366 * 24 * 3600 } as const
const MAX_LINK = 8192

function bots(r: Exchange): void {
  requireAdmin(r.req, r.context.adminToken)
  sendJson(r.res, 200, { bots: [...r.context.bots.values()].map(botDefinitions) })
}

function invalid(field: string, message: string): HttpError {
  return new HttpError(400, `invalid_${field}`, `${field}: ${message}`)
}

async function sign(r: Exchange): Promise<void> {
  requireAdmin(r.req, r.context.adminToken)
  const bot = botOf(r)
  const body = await readJsonBody(r)
  const unknown = Object.keys(body).filter((key) => key !== 'link' && key !== 'ttlSeconds')
  if (unknown.length > 0) throw new HttpError(400, 'unknown_fields', `unknown fields: ${unknown.join(', ')}; send link and ttlSeconds`)
  const { link, ttlSeconds } = body
  if (typeof link !== 'string' || link === '') throw invalid('link', 'the web link to sign, as a string')
  if (link.length > MAX_LINK) throw invalid('link', `at most ${MAX_LINK} characters`)
  let url: URL
  try {
    url = new URL(link)
  } catch {
    throw invalid('link', 'not an address; send the full http(s) web link')
  }
  // Only the widget checks signatures: Messenger, Telegram and the others never pass sig on.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid('link', 'only a web (http or https) link can be signed')
  if (url.username !== '' || url.password !== '') throw invalid('link', 'it holds a user name or a password; remove them')
  // What is signed is what the widget will read: a link it would refuse a part of, or read for
  // another bot, gets a signature it could never use.
  const decoded = parseEntryLink(link)
  if (decoded.signature !== null || url.searchParams.has('sig') || url.searchParams.has('exp'))
    throw invalid('link', 'it is signed already (sig, exp); sign the link without them')
  if (decoded.dialect === null) throw invalid('link', 'it carries no entry link (ref or bs_ref); build the link, then sign it')
  const [refused] = decoded.rejected
  if (refused) throw invalid('link', `the widget would refuse ${refused.part || 'a part of it'}: ${refused.reason}`)
  if (decoded.bot !== null && decoded.bot !== bot.id) throw invalid('link', `it is for bot "${decoded.bot}" (p), not "${bot.id}"`)
  if (typeof ttlSeconds !== 'number' || !Number.isInteger(ttlSeconds) || ttlSeconds < SIGNED_TTL.min || ttlSeconds > SIGNED_TTL.max)
    throw invalid('ttlSeconds', `a whole number of seconds from ${SIGNED_TTL.min} to ${SIGNED_TTL.max}`)
  if (!bot.secret) throw new HttpError(409, 'no_secret', `bot "${bot.id}" has no signing secret; set "secret" in its bot file`)
  const nowSeconds = Math.floor(Date.now() / 1000)
  const signed = signLink(link, bot.secret, ttlSeconds, { nowSeconds })
  sendJson(r.res, 200, { link: signed, expiresAt: new Date((nowSeconds + ttlSeconds) * 1000).toISOString() })
}

export const linkBuilderRoutes: Route[] = [
  { method: 'GET', path: '/v1/admin/bots', handle: bots },
  { method: 'POST', path: '/v1/admin/bots/:bot/sign', handle: sign },
]
