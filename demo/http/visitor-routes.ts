import type { BotInfo, MessagesResponse, SessionResponse, UpdatesResponse } from '../../widget/transport/protocol.ts'
import { applyIntent } from '../bot/apply-intent.ts'
import { conversationOf } from '../bot/external.ts'
import type { ContactRow } from '../store/queries.ts'
import { scopedId } from '../store/scoped-id.ts'
import { emitEvent } from '../webhooks/events.ts'
import { type BotExchange, botRoutes } from './bot-route.ts'
import { contactView } from './contact-view.ts'
import { cursorOf, MAX_SEQ } from './cursor.ts'
import { HttpError } from './http-error.ts'
import { checkIntentShape } from './intent-shape.ts'
import { readJsonBody } from './read-body.ts'
import { sendJson } from './respond.ts'
import type { Route } from './router.ts'
import { applyUpdates, clientId, readUpdates } from './updates.ts'
import { contactOf, visitorKey, visitorToken } from './visitor-token.ts'

// The visitor's API (docs/protocol.md): a session, the conversation, updates and reads.

const MAX_TEXT = 2000

function info(r: BotExchange): void {
  const { id, name, tagline, avatar, theme, teaser } = r.bot
  sendJson(r.res, 200, {
    id,
    name,
    tagline,
    ...(avatar && { avatar }),
    ...(theme && { theme }),
    ...(teaser && { teaser }),
  } satisfies BotInfo)
}

/** The teaser of the entry link whose start awaits the chat's opening, from the bot file as it is now. */
function linkTeaser(r: BotExchange, link: string | null): { teaser?: string } {
  const teaser = link === null ? undefined : r.bot.links.find((l) => l.name === link)?.teaser
  return teaser ? { teaser } : {}
}

async function session(r: BotExchange): Promise<void> {
  const token = await visitorToken(r)
  const input = await readJsonBody(r)
  const intent = input.intent === undefined ? null : checkIntentShape(input.intent)
  const intentId = input.intentId === undefined ? null : clientId(input.intentId, 'intentId')
  if (intent && !intentId) throw new HttpError(400, 'missing_intent_id', 'an intent needs an intentId, so that it is applied once')
  const { store } = r.context
  const response = await store.transaction(
    async (tx): Promise<SessionResponse> => {
      let contact = await contactOf(r, token, true, tx)
      const scoped = intentId ? scopedId(token, intentId) : null
      const previous = scoped ? await tx.intentResult(r.bot.id, scoped, contact.id) : undefined
      if (previous) {
        const result = previous.result as SessionResponse
        const now = await tx.contact(result.contactId)
        return { ...result, replayed: true, lastSeq: now?.last_seq ?? 0, ...linkTeaser(r, now?.pending_link ?? null) }
      }
      if (!intent || !scoped) {
        return {
          contactId: contact.id,
          replayed: false,
          link: null,
          start: null,
          results: [],
          decoderRejections: [],
          lastSeq: contact.last_seq,
          ...linkTeaser(r, contact.pending_link),
        }
      }
      const outcome = await applyIntent(tx, r.bot, token, contact, intent)
      // Applying an intent sends no message: the sequence moves only when it chose another contact.
      if (outcome.contactId !== contact.id) contact = (await tx.contact(outcome.contactId)) as ContactRow
      const result: SessionResponse = {
        contactId: outcome.contactId,
        replayed: false,
        link: outcome.link,
        start: outcome.start,
        results: outcome.results,
        decoderRejections: intent.rejected,
        lastSeq: contact.last_seq,
      }
      await tx.saveIntentResult(r.bot.id, scoped, outcome.contactId, result)
      return { ...result, ...linkTeaser(r, outcome.link) }
    },
    { serialiseOn: visitorKey(r, token) },
  )
  sendJson(r.res, 200, response)
}

async function open(r: BotExchange): Promise<void> {
  const token = await visitorToken(r)
  await readJsonBody(r)
  const { store } = r.context
  const { contactId, messages, lastSeq } = await store.transaction(
    async (tx) => {
      const contact = await contactOf(r, token, false, tx)
      const engine = conversationOf(tx, r.bot)
      const start = contact.pending_start ?? (contact.started ? null : r.bot.defaultBlock)
      // Counted for the link's results (docs/results.md): this opening runs the start a link asked for.
      if (contact.pending_start !== null && contact.pending_link !== null)
        await tx.recordConversationStart(r.bot.id, contact.pending_link, contact.id)
      await emitEvent(tx, r.bot, contact.id, 'chat.opened', { start })
      const messages = start === null ? [] : await engine.start(contact.id, start, null)
      return { contactId: contact.id, messages, lastSeq: messages.at(-1)?.seq ?? contact.last_seq }
    },
    { serialiseOn: visitorKey(r, token) },
  )
  r.context.hub.publish(contactId, messages)
  sendJson(r.res, 200, { messages, lastSeq })
}

async function updates(r: BotExchange): Promise<void> {
  const token = await visitorToken(r)
  const list = readUpdates(await readJsonBody(r))
  const { store } = r.context
  const results = await store.transaction(
    async (tx) => applyUpdates(tx, r.bot, (await contactOf(r, token, true, tx)).id, list, (id) => scopedId(token, id), 'update'),
    { serialiseOn: visitorKey(r, token) },
  )
  sendJson(r.res, 200, { results } satisfies UpdatesResponse)
}

async function messages(r: BotExchange): Promise<void> {
  const token = await visitorToken(r)
  const input = await readJsonBody(r)
  const id = clientId(input.id, 'id')
  const text = input.text
  const choice = input.choice as { seq?: unknown; index?: unknown } | undefined
  if ((text === undefined) === (choice === undefined)) throw new HttpError(400, 'invalid_message', 'send exactly one of text or choice')
  if (text !== undefined && (typeof text !== 'string' || text.trim() === ''))
    throw new HttpError(400, 'invalid_message', 'text must be a non-empty string')
  if (typeof text === 'string' && text.length > MAX_TEXT) throw new HttpError(400, 'text_too_long', `text is over ${MAX_TEXT} characters`)
  const inRange = (n: unknown) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= MAX_SEQ
  if (choice !== undefined && (!inRange(choice?.seq) || !inRange(choice?.index))) {
    throw new HttpError(400, 'invalid_message', `choice must be {seq, index}, whole numbers from 0 to ${MAX_SEQ}`)
  }
  const { store } = r.context
  const outcome = await store.transaction(
    async (tx): Promise<MessagesResponse & { contactId: string }> => {
      const contact = await contactOf(r, token, false, tx)
      const scoped = scopedId(token, id)
      const earlier = await tx.messagesOfRequest(contact.id, scoped)
      if (earlier.length > 0) return { messages: earlier, duplicate: true, contactId: contact.id }
      const engine = conversationOf(tx, r.bot)
      if (typeof text === 'string')
        return { messages: await engine.answer(contact.id, text.trim(), scoped), duplicate: false, contactId: contact.id }
      const chosen = await engine.choose(contact.id, choice?.seq as number, choice?.index as number, scoped)
      if (!chosen.ok) throw new HttpError(400, 'invalid_choice', chosen.message)
      return { messages: chosen.messages, duplicate: false, contactId: contact.id }
    },
    { serialiseOn: visitorKey(r, token) },
  )
  if (!outcome.duplicate) r.context.hub.publish(outcome.contactId, outcome.messages)
  sendJson(r.res, 200, { messages: outcome.messages, duplicate: outcome.duplicate } satisfies MessagesResponse)
}

async function history(r: BotExchange): Promise<void> {
  const token = await visitorToken(r)
  const after = cursorOf(r)
  const contact = await contactOf(r, token, false)
  sendJson(r.res, 200, { messages: await r.context.store.messagesAfter(contact.id, after), lastSeq: contact.last_seq })
}

async function me(r: BotExchange): Promise<void> {
  const token = await visitorToken(r)
  sendJson(r.res, 200, await contactView(r.context.store, r.bot, await contactOf(r, token, false)))
}

export const visitorRoutes: Route[] = [
  ...botRoutes('', { GET: info }),
  ...botRoutes('/session', { POST: session }),
  ...botRoutes('/conversation/open', { POST: open }),
  ...botRoutes('/updates', { POST: updates }),
  ...botRoutes('/messages', { POST: messages, GET: history }),
  ...botRoutes('/me', { GET: me }),
]
