import { hash, timingSafeEqual } from 'node:crypto'
import type { ChatMessage } from '../../widget/transport/protocol.ts'
import { reachGoal } from '../bot/goals.ts'
import type { BotDef } from '../bot/types.ts'
import type { ContactRow, Queries } from '../store/queries.ts'
import { type BotMessage, readBotMessage } from './bot-message.ts'
import { botOf } from './bot-route.ts'
import { contactView } from './contact-view.ts'
import { MAX_SEQ } from './cursor.ts'
import { HttpError } from './http-error.ts'
import { MAX_TYPING_SECONDS } from './message-hub.ts'
import { refuseIfLimited } from './rate-limit.ts'
import { readJsonBody } from './read-body.ts'
import { sendJson } from './respond.ts'
import type { Exchange, Route } from './router.ts'
import { applyUpdates, clientId, readUpdates } from './updates.ts'

// The bot API (docs/bot-api.md): a bot's own program posts into its conversations, behind the
// bot's API key. Server to server: no browser origin is ever allowed here.

const PAGE = 500

interface ApiExchange extends Exchange {
  bot: BotDef
  contact: ContactRow
}

/**
 * The bot, its key checked in constant time, and the contact of the path, which must be the
 * bot's. A call with the bot's key counts against the bot's own bucket (`RATE_LIMIT_BOT_API`), so
 * a bot's server answering many chats from one address is not held by the address's limit; a
 * call refused (no key, another key, no bot API, a web page) counts against its address. An
 * address with no token left is refused before its key is looked at: else the answer to the
 * right key (not a 429) would tell a guesser it had found it, at any speed.
 */
async function authorised(r: Exchange): Promise<ApiExchange> {
  const address = r.req.socket.remoteAddress ?? 'unknown'
  refuseIfLimited(await r.context.addressLimiter.wait(address), 'this address')
  let bot: BotDef
  try {
    bot = keyHolder(r)
  } catch (error) {
    refuseIfLimited(await r.context.addressLimiter.take(address), 'this address')
    throw error
  }
  refuseIfLimited(await r.context.botApiLimiter.take(bot.id), `bot "${bot.id}"`)
  const contact = await r.context.store.contact(r.params.contact)
  if (!contact || contact.bot !== bot.id)
    throw new HttpError(404, 'unknown_contact', `bot "${bot.id}" has no contact "${r.params.contact}"`)
  return { ...r, bot, contact }
}

/** The bot of the path, when the request carries its API key; else the refusal. */
function keyHolder(r: Exchange): BotDef {
  const bot = botOf(r)
  if (r.req.headers.origin !== undefined)
    throw new HttpError(403, 'browser_not_allowed', 'the bot API is for servers: its key must never be in a web page')
  if (!bot.apiKey) throw new HttpError(403, 'bot_api_off', `bot "${bot.id}" has no bot API: give it "api": { "key": "env:NAME" }`)
  // The scheme's name is case-insensitive (RFC 9110): bearer, Bearer and BEARER alike.
  const given = /^Bearer +(\S+) *$/i.exec(r.req.headers.authorization ?? '')?.[1]
  if (!given) throw new HttpError(401, 'api_key_required', 'send the bot\'s API key as "Authorization: Bearer KEY"')
  // Digests of equal length: the comparison's time tells nothing about the key, not even its length.
  if (!timingSafeEqual(hash('sha256', given, 'buffer'), hash('sha256', bot.apiKey, 'buffer')))
    throw new HttpError(401, 'invalid_api_key', `this is not the API key of bot "${bot.id}"`)
  return bot
}

/** Whether a stored message is the one a request posts again: the same id with another message is a mistake. */
function sameMessage(stored: ChatMessage, posted: BotMessage): boolean {
  const { seq: _seq, from: _from, at: _at, ...body } = stored
  return JSON.stringify(body) === JSON.stringify(posted)
}

/** Writes on one contact queue behind each other, so an id is checked and stored in one go. */
const contactKey = (contact: ContactRow) => `contact:${contact.id}`

/** What a request id is stored as: apart from every visitor's ids (scoped-id.ts). */
const apiId = (id: string) => `api:${id}`

async function readContact(e: Exchange): Promise<void> {
  const r = await authorised(e)
  const { store } = r.context
  sendJson(r.res, 200, {
    ...(await contactView(store, r.bot, r.contact)),
    createdAt: r.contact.created_at,
    lastSeq: r.contact.last_seq,
    lastIntent: r.contact.last_intent ? JSON.parse(r.contact.last_intent) : null,
    linkOpens: await store.linkOpens(r.contact.id),
  })
}

async function history(e: Exchange): Promise<void> {
  const r = await authorised(e)
  const raw = r.url.searchParams.get('after') ?? '0'
  const after = Number(raw)
  if (!/^\d{1,10}$/.test(raw) || after > MAX_SEQ) throw new HttpError(400, 'invalid_cursor', 'after must be a message sequence number')
  const messages = await r.context.store.messagesAfter(r.contact.id, after, PAGE)
  sendJson(r.res, 200, { messages, lastSeq: r.contact.last_seq, more: messages.length === PAGE })
}

async function post(e: Exchange): Promise<void> {
  const r = await authorised(e)
  const body = await readJsonBody(r)
  const id = apiId(clientId(body.id, 'id'))
  const message = readBotMessage(body)
  const { store, hub } = r.context
  const outcome = await store.transaction(
    async (tx: Queries) => {
      const earlier = await tx.messagesOfRequest(r.contact.id, id)
      if (earlier.length > 0) {
        if (!sameMessage(earlier[0], message))
          throw new HttpError(409, 'id_reused', `message id "${body.id}" was used for another message; give each message an id of its own`)
        return { message: earlier[0], duplicate: true }
      }
      // Options lead nowhere here: a choice is sent to the bot as a visitor message.
      const actions = message.options ? message.options.map(() => null) : undefined
      return { message: await tx.addMessage(r.contact.id, 'bot', message, actions, id), duplicate: false }
    },
    { serialiseOn: contactKey(r.contact) },
  )
  if (!outcome.duplicate) hub.publish(r.contact.id, [outcome.message])
  sendJson(r.res, outcome.duplicate ? 200 : 201, outcome)
}

async function typing(e: Exchange): Promise<void> {
  const r = await authorised(e)
  const { seconds } = await readJsonBody(r)
  if (!Number.isInteger(seconds) || (seconds as number) < 0 || (seconds as number) > MAX_TYPING_SECONDS)
    throw new HttpError(400, 'invalid_typing', `seconds must be a whole number from 0 (stopped) to ${MAX_TYPING_SECONDS}`)
  r.context.hub.typing(r.contact.id, seconds as number)
  r.res.writeHead(204).end()
}

async function values(e: Exchange): Promise<void> {
  const r = await authorised(e)
  const list = readUpdates(await readJsonBody(r))
  const results = await r.context.store.transaction((tx) => applyUpdates(tx, r.bot, r.contact.id, list, apiId, 'api', true), {
    serialiseOn: contactKey(r.contact),
  })
  sendJson(r.res, 200, { results })
}

async function goal(e: Exchange): Promise<void> {
  const r = await authorised(e)
  const { goal } = await readJsonBody(r)
  if (typeof goal !== 'string' || !r.bot.goals.includes(goal)) {
    const known = r.bot.goals.length > 0 ? `one of ${r.bot.goals.join(', ')}` : 'a goal, and this bot file names none ("goals")'
    throw new HttpError(400, 'unknown_goal', `goal must be ${known}`)
  }
  const reached = await r.context.store.transaction((tx) => reachGoal(tx, r.bot, r.contact.id, goal), {
    serialiseOn: contactKey(r.contact),
  })
  sendJson(r.res, reached ? 201 : 200, reached ? { goal, reached: true, ...reached } : { goal, reached: false })
}

const base = '/v1/bot-api/bots/:bot/contacts/:contact'
export const botApiRoutes: Route[] = [
  { method: 'GET', path: base, handle: readContact, ownRateLimit: true },
  { method: 'GET', path: `${base}/messages`, handle: history, ownRateLimit: true },
  { method: 'POST', path: `${base}/messages`, handle: post, ownRateLimit: true },
  { method: 'POST', path: `${base}/typing`, handle: typing, ownRateLimit: true },
  { method: 'POST', path: `${base}/values`, handle: values, ownRateLimit: true },
  { method: 'POST', path: `${base}/goals`, handle: goal, ownRateLimit: true },
]
