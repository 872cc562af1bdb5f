import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { type EntryIntent, MAX_VALUE_LENGTH } from '../widget/entry/index.ts'
import type {
  BotInfo,
  ChatMessage,
  ContactView,
  MessagesResponse,
  SessionResponse,
  UpdateResult,
  UpdatesResponse,
} from '../widget/transport/protocol.ts'
import { applyIntent } from './apply-intent.ts'
import type { BotDef } from './bot.ts'
import { Engine } from './engine.ts'
import { HttpError } from './http-error.ts'
import {
  checkCount,
  checkJsonPayload,
  checkJsonTree,
  checkLength,
  decodeUtf8,
  MAX_ENTRIES,
  MAX_REASON,
  MAX_REJECTED,
} from './input-limits.ts'
import type { Context } from './server.ts'
import { type ContactRow, scopedId } from './store.ts'
import { writeValue } from './write-value.ts'

const TOKEN = /^[A-Za-z0-9_-]{22,128}$/
const CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/
const MAX_UPDATES = 100
const MAX_TEXT = 2000
/** Open event streams per visitor token: one per tab, a handful at most. */
export const MAX_STREAMS_PER_VISITOR = 8

interface Request {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  context: Context
  bot: BotDef
}

/** Routes /v1/...; every answer is JSON, or an event stream. */
export async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, context: Context): Promise<void> {
  const address = req.socket.remoteAddress ?? 'unknown'
  limit(context.addressLimiter.take(address), 'this address')
  const admin = /^\/v1\/admin\/bots\/([^/]+)\/(links|contacts\/([^/]+))$/.exec(url.pathname)
  if (admin) return handleAdmin(req, res, context, admin[1], admin[3])
  const match = /^\/v1\/bots\/([^/]+)(\/[a-z/]*)?$/.exec(url.pathname)
  if (!match) throw new HttpError(404, 'not_found', `no API endpoint at ${url.pathname}`)
  const bot = context.bots.get(pathPart(match[1]))
  if (!bot) throw new HttpError(404, 'unknown_bot', `no bot is named "${pathPart(match[1])}"`)
  cors(req, res, bot)
  if (req.method === 'OPTIONS') return void res.writeHead(204).end()
  const route = `${req.method} ${match[2] ?? ''}`
  const r: Request = { req, res, url, context, bot }
  switch (route) {
    case 'GET ':
      return send(res, 200, { id: bot.id, name: bot.name, tagline: bot.tagline } satisfies BotInfo)
    case 'POST /session':
      return session(r)
    case 'POST /conversation/open':
      return open(r)
    case 'POST /updates':
      return updates(r)
    case 'POST /messages':
      return messages(r)
    case 'GET /messages':
      return history(r)
    case 'GET /events':
      return events(r)
    case 'GET /me':
      return me(r)
    default:
      if (match[2] && /^\/(session|conversation\/open|updates|messages|events|me)$/.test(match[2])) {
        throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${match[2]}`)
      }
      throw new HttpError(404, 'not_found', `no endpoint ${route.trim()} for this bot`)
  }
}

/** A percent-encoded segment of the path; a malformed escape (`%zz`, a lone `%`) is a 400. */
function pathPart(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new HttpError(400, 'invalid_path', 'the path holds a malformed percent escape')
  }
}

function limit(wait: number, who: string): void {
  if (wait > 0)
    throw new HttpError(429, 'rate_limited', `too many requests from ${who}; retry in ${wait} s`, { 'Retry-After': String(wait) })
}

// Per-bot allowed origins. A request without Origin is not from a browser page and passes.
function cors(req: IncomingMessage, res: ServerResponse, bot: BotDef): void {
  const origin = req.headers.origin
  if (!origin) return
  const sameOrigin = origin === `http://${req.headers.host}` || origin === `https://${req.headers.host}`
  if (!sameOrigin && !bot.allowedOrigins.includes('*') && !bot.allowedOrigins.includes(origin)) {
    throw new HttpError(403, 'origin_not_allowed', `origin ${origin} is not allowed for bot "${bot.id}"`)
  }
  res.setHeader('Access-Control-Allow-Origin', origin)
  res.setHeader('Vary', 'Origin')
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Last-Event-ID')
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS')
  res.setHeader('Access-Control-Max-Age', '600')
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  })
  res.end(text)
}

/** The visitor token: `Authorization: Bearer`, or `?token=` where headers cannot be set (EventSource). */
function visitorToken(r: Request): string {
  const header = r.req.headers.authorization
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : r.url.searchParams.get('token')
  if (!token) throw new HttpError(401, 'missing_token', 'send the visitor token as "Authorization: Bearer TOKEN"')
  if (!TOKEN.test(token)) throw new HttpError(401, 'invalid_token', 'a visitor token is 22 to 128 characters of A-Z a-z 0-9 _ -')
  limit(r.context.visitorLimiter.take(`${r.bot.id}:${token}`), 'this visitor')
  return token
}

function contactOf(r: Request, token: string, create: boolean): ContactRow {
  const contact = r.context.store.contactByToken(r.bot.id, token)
  if (contact) return contact
  if (!create) throw new HttpError(404, 'unknown_visitor', 'this visitor has no conversation yet; POST /session first')
  return r.context.store.createContact(r.bot.id, token)
}

async function body(r: Request): Promise<Record<string, unknown>> {
  const type = r.req.headers['content-type'] ?? ''
  if (!/^application\/json\b/i.test(type)) {
    r.req.resume()
    throw new HttpError(415, 'unsupported_media_type', 'send the body as application/json')
  }
  const max = r.context.maxBody
  const declared = Number(r.req.headers['content-length'] ?? 0)
  if (declared > max) {
    r.req.resume()
    throw new HttpError(413, 'body_too_large', `the body is ${declared} bytes; the limit is ${max}`)
  }
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of r.req) {
      size += (chunk as Buffer).length
      if (size > max) throw new HttpError(413, 'body_too_large', `the body is over the limit of ${max} bytes`)
      chunks.push(chunk as Buffer)
    }
  } catch (error) {
    if (error instanceof HttpError) throw error
    // The client went away mid-upload: nothing to answer, nothing worth a stack trace.
    throw new HttpError(400, 'aborted', 'the upload was aborted')
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(decodeUtf8(Buffer.concat(chunks)))
  } catch (error) {
    if (error instanceof HttpError) throw error
    throw new HttpError(400, 'invalid_json', `the body is not valid JSON: ${(error as Error).message}`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new HttpError(400, 'invalid_body', 'the body must be a JSON object')
  checkJsonTree(parsed)
  return parsed as Record<string, unknown>
}

function clientId(value: unknown, what: string): string {
  if (typeof value !== 'string' || !CLIENT_ID.test(value))
    throw new HttpError(400, 'invalid_id', `${what} must be 1 to 64 characters of A-Z a-z 0-9 _ -`)
  return value
}

async function session(r: Request): Promise<void> {
  const token = visitorToken(r)
  const input = await body(r)
  const intent = input.intent === undefined ? null : checkIntentShape(input.intent)
  const intentId = input.intentId === undefined ? null : clientId(input.intentId, 'intentId')
  if (intent && !intentId) throw new HttpError(400, 'missing_intent_id', 'an intent needs an intentId, so that it is applied once')
  const { store } = r.context
  const response = store.transaction((): SessionResponse => {
    let contact = contactOf(r, token, true)
    const scoped = intentId ? scopedId(token, intentId) : null
    const previous = scoped ? store.intentResult(r.bot.id, scoped, contact.id) : undefined
    if (previous) {
      const result = previous.result as SessionResponse
      return { ...result, replayed: true, lastSeq: store.contact(result.contactId)?.last_seq ?? 0 }
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
      }
    }
    const outcome = applyIntent(store, r.bot, token, contact, intent)
    contact = store.contact(outcome.contactId) as ContactRow
    const result: SessionResponse = {
      contactId: outcome.contactId,
      replayed: false,
      link: outcome.link,
      start: outcome.start,
      results: outcome.results,
      decoderRejections: intent.rejected,
      lastSeq: contact.last_seq,
    }
    store.saveIntentResult(r.bot.id, scoped, outcome.contactId, result)
    return result
  })
  send(r.res, 200, response)
}

/** The EntryIntent must have the contract's shape before any rule reads it. */
function checkIntentShape(value: unknown): EntryIntent {
  const bad = (message: string): never => {
    throw new HttpError(400, 'invalid_intent', message)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bad('intent must be an object (an EntryIntent)')
  const intent = value as Record<string, unknown>
  const nullableString = (key: string) => {
    if (intent[key] !== null && intent[key] !== undefined && typeof intent[key] !== 'string') bad(`intent.${key} must be a string or null`)
  }
  for (const key of ['bot', 'ref', 'block', 'payload', 'externalId', 'dialect']) {
    nullableString(key)
    if (typeof intent[key] === 'string') checkLength(`intent.${key}`, intent[key] as string)
  }
  // Every count is capped: a hostile body cannot make the backend store or answer megabytes.
  const record = (key: string) => {
    const v = intent[key] ?? {}
    if (typeof v !== 'object' || v === null || Array.isArray(v)) bad(`intent.${key} must be an object of strings`)
    checkCount(`intent.${key}`, Object.keys(v as object).length, MAX_ENTRIES)
    for (const [name, item] of Object.entries(v as object)) {
      if (typeof item !== 'string') bad(`intent.${key} must be an object of strings`)
      checkLength(`intent.${key} name`, name, MAX_VALUE_LENGTH)
      checkLength(`intent.${key}.${name}`, item)
    }
  }
  record('user')
  record('variables')
  const fields = intent.fields ?? []
  if (!Array.isArray(fields) || fields.some((f) => typeof f?.key !== 'string' || typeof f?.value !== 'string'))
    bad('intent.fields must be an array of {key, value} strings')
  checkCount('intent.fields', (fields as unknown[]).length, MAX_ENTRIES)
  for (const field of fields as { key: string; value: string }[]) {
    checkLength('intent.fields key', field.key, MAX_VALUE_LENGTH)
    checkLength(`intent.fields ${field.key}`, field.value)
  }
  const rejected = intent.rejected ?? []
  if (!Array.isArray(rejected) || rejected.some((x) => typeof x?.part !== 'string' || typeof x?.reason !== 'string'))
    bad('intent.rejected must be an array of {part, reason}')
  checkCount('intent.rejected', (rejected as unknown[]).length, MAX_REJECTED)
  for (const x of rejected as { part: string; reason: string }[]) {
    checkLength('intent.rejected part', x.part)
    checkLength('intent.rejected reason', x.reason, MAX_REASON)
  }
  if (intent.json !== undefined) checkJsonPayload(intent.json)
  const signature = intent.signature
  if (signature !== undefined && signature !== null) {
    const s = signature as { sig?: unknown; params?: unknown }
    if (typeof s.sig !== 'string' || typeof s.params !== 'object' || s.params === null || Array.isArray(s.params))
      bad('intent.signature must be {sig, params}')
    checkLength('intent.signature.sig', s.sig as string, 128)
    checkCount('intent.signature.params', Object.keys(s.params as object).length, 16)
    for (const v of Object.values(s.params as object)) {
      if (typeof v !== 'string') bad('intent.signature.params must be strings')
      checkLength('intent.signature.params value', v)
    }
  }
  return {
    dialect: (intent.dialect as EntryIntent['dialect']) ?? null,
    bot: (intent.bot as string) ?? null,
    ref: (intent.ref as string) ?? null,
    block: (intent.block as string) ?? null,
    payload: (intent.payload as string) ?? null,
    fields: fields as EntryIntent['fields'],
    user: (intent.user as EntryIntent['user']) ?? {},
    variables: (intent.variables as EntryIntent['variables']) ?? {},
    externalId: (intent.externalId as string) ?? null,
    json: intent.json ?? null,
    rejected: rejected as EntryIntent['rejected'],
    params: [],
    signature: (signature as EntryIntent['signature']) ?? null,
  }
}

async function open(r: Request): Promise<void> {
  const token = visitorToken(r)
  await body(r)
  const { store } = r.context
  const messages = store.transaction(() => {
    const contact = contactOf(r, token, false)
    const engine = new Engine(store, r.bot)
    if (contact.pending_start) return engine.start(contact.id, contact.pending_start, null)
    if (!contact.started) return engine.start(contact.id, r.bot.defaultBlock, null)
    return []
  })
  const contact = contactOf(r, token, false)
  r.context.hub.publish(contact.id, messages)
  send(r.res, 200, { messages, lastSeq: contact.last_seq })
}

async function updates(r: Request): Promise<void> {
  const token = visitorToken(r)
  const input = await body(r)
  if (!Array.isArray(input.updates)) throw new HttpError(400, 'invalid_body', 'updates must be an array')
  if (input.updates.length > MAX_UPDATES) throw new HttpError(400, 'too_many_updates', `send at most ${MAX_UPDATES} updates at once`)
  const list = input.updates.map((u: unknown, i: number) => {
    const update = (typeof u === 'object' && u !== null ? u : {}) as Record<string, unknown>
    const id = clientId(update.id, `updates[${i}].id`)
    if (update.type !== 'field' && update.type !== 'user' && update.type !== 'variable') {
      throw new HttpError(400, 'invalid_update', `updates[${i}].type must be field, user or variable`)
    }
    if (typeof update.key !== 'string' || update.key === '')
      throw new HttpError(400, 'invalid_update', `updates[${i}].key must be a non-empty string`)
    return { id, type: update.type, key: update.key, value: update.value }
  })
  const { store } = r.context
  const results = store.transaction(() => {
    const contact = contactOf(r, token, true)
    return list.map((update): UpdatesResponse['results'][number] => {
      const scoped = scopedId(token, update.id)
      const earlier = store.updateResult(contact.id, scoped) as UpdateResult | undefined
      if (earlier) return { ...earlier, duplicate: true }
      const result = applyUpdate(r.bot, contact.id, update, r.context)
      store.saveUpdateResult(contact.id, scoped, result)
      return { ...result, duplicate: false }
    })
  })
  send(r.res, 200, { results } satisfies UpdatesResponse)
}

function applyUpdate(
  bot: BotDef,
  contactId: string,
  update: { id: string; type: string; key: string; value: unknown },
  context: Context,
): UpdateResult {
  const target = update.type === 'field' ? { field: update.key } : update.type === 'user' ? { user: update.key } : { variable: update.key }
  const written = writeValue(context.store, bot, contactId, target, update.value)
  return written.ok
    ? { id: update.id, status: 'stored' }
    : { id: update.id, status: 'rejected', code: written.code, message: written.message }
}

async function messages(r: Request): Promise<void> {
  const token = visitorToken(r)
  const input = await body(r)
  const id = clientId(input.id, 'id')
  const text = input.text
  const choice = input.choice as { seq?: unknown; index?: unknown } | undefined
  if ((text === undefined) === (choice === undefined)) throw new HttpError(400, 'invalid_message', 'send exactly one of text or choice')
  if (text !== undefined && (typeof text !== 'string' || text.trim() === ''))
    throw new HttpError(400, 'invalid_message', 'text must be a non-empty string')
  if (typeof text === 'string' && text.length > MAX_TEXT) throw new HttpError(400, 'text_too_long', `text is over ${MAX_TEXT} characters`)
  if (choice !== undefined && (!Number.isInteger(choice?.seq) || !Number.isInteger(choice?.index))) {
    throw new HttpError(400, 'invalid_message', 'choice must be {seq, index} integers')
  }
  const { store } = r.context
  const outcome = store.transaction((): MessagesResponse & { contactId: string } => {
    const contact = contactOf(r, token, false)
    const scoped = scopedId(token, id)
    const earlier = store.messagesOfRequest(contact.id, scoped)
    if (earlier.length > 0) return { messages: earlier, duplicate: true, contactId: contact.id }
    const engine = new Engine(store, r.bot)
    if (typeof text === 'string')
      return { messages: engine.answer(contact.id, text.trim(), scoped), duplicate: false, contactId: contact.id }
    const chosen = engine.choose(contact.id, choice?.seq as number, choice?.index as number, scoped)
    if (!chosen.ok) throw new HttpError(400, 'invalid_choice', chosen.message)
    return { messages: chosen.messages, duplicate: false, contactId: contact.id }
  })
  if (!outcome.duplicate) r.context.hub.publish(outcome.contactId, outcome.messages)
  send(r.res, 200, { messages: outcome.messages, duplicate: outcome.duplicate } satisfies MessagesResponse)
}

function afterOf(r: Request, header?: string | string[]): number {
  const raw =
    (typeof header === 'string' ? header : undefined) ?? r.url.searchParams.get('after') ?? r.url.searchParams.get('lastEventId') ?? '0'
  const after = Number(raw)
  if (!Number.isInteger(after) || after < 0)
    throw new HttpError(400, 'invalid_cursor', 'after / Last-Event-ID must be a message sequence number')
  return after
}

function history(r: Request): void {
  const token = visitorToken(r)
  const contact = contactOf(r, token, false)
  const after = afterOf(r)
  send(r.res, 200, { messages: r.context.store.messagesAfter(contact.id, after), lastSeq: contact.last_seq })
}

/** Server-Sent Events: every message after Last-Event-ID, then live ones; `id` is the sequence number. */
function events(r: Request): void {
  const token = visitorToken(r)
  const contact = contactOf(r, token, false)
  const after = afterOf(r, r.req.headers['last-event-id'])
  const { res } = r
  // A visitor has a few tabs, not hundreds: each open stream holds a socket and a listener.
  const open = r.context.streamsPerVisitor.get(token) ?? 0
  if (open >= MAX_STREAMS_PER_VISITOR) {
    throw new HttpError(429, 'too_many_streams', `this visitor already has ${open} event streams open; close one first`, {
      'Retry-After': '5',
    })
  }
  r.context.streamsPerVisitor.set(token, open + 1)
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  })
  res.write('retry: 2000\n\n')
  let last = after
  const write = (message: ChatMessage) => {
    if (message.seq <= last) return
    last = message.seq
    res.write(`id: ${message.seq}\nevent: message\ndata: ${JSON.stringify(message)}\n\n`)
  }
  // Backlog and subscription in one tick: no message can fall between them.
  // The whole backlog, page by page: a long conversation is not cut at one page.
  for (
    let page = r.context.store.messagesAfter(contact.id, after);
    page.length > 0;
    page = r.context.store.messagesAfter(contact.id, last)
  ) {
    for (const message of page) write(message)
  }
  const unsubscribe = r.context.hub.subscribe(contact.id, write)
  const ping = setInterval(() => res.write(': ping\n\n'), 15_000)
  r.context.streams.add(res)
  let closed = false
  const close = () => {
    if (closed) return
    closed = true
    clearInterval(ping)
    unsubscribe()
    r.context.streams.delete(res)
    const left = (r.context.streamsPerVisitor.get(token) ?? 1) - 1
    if (left > 0) r.context.streamsPerVisitor.set(token, left)
    else r.context.streamsPerVisitor.delete(token)
  }
  r.req.on('close', close)
  res.on('close', close)
}

function contactView(r: Request | { context: Context; bot: BotDef }, contact: ContactRow): ContactView {
  const values = r.context.store.values(contact.id)
  const { user_external_identifier: externalId, ...fields } = values.fields
  return {
    contactId: contact.id,
    user: values.attributes,
    fields: Object.entries(fields).map(([id, value]) => ({ id, name: r.bot.fields.find((f) => f.id === id)?.name ?? id, value })),
    variables: values.variables,
    externalId: externalId ?? null,
  }
}

function me(r: Request): void {
  const token = visitorToken(r)
  send(r.res, 200, contactView(r, contactOf(r, token, false)))
}

function handleAdmin(req: IncomingMessage, res: ServerResponse, context: Context, botId: string, contactId: string | undefined): void {
  if (req.method !== 'GET') throw new HttpError(405, 'method_not_allowed', 'the admin API is read-only')
  const given = Buffer.from(req.headers.authorization ?? '')
  const expected = Buffer.from(`Bearer ${context.adminToken}`)
  // Compared in constant time, so the answer's timing tells nothing about the token.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new HttpError(401, 'admin_token_required', 'send the ADMIN_TOKEN as "Authorization: Bearer TOKEN"')
  }
  const bot = context.bots.get(pathPart(botId))
  if (!bot) throw new HttpError(404, 'unknown_bot', `no bot is named "${pathPart(botId)}"`)
  const { store } = context
  if (contactId === undefined) return send(res, 200, { links: store.linkStats(bot.id) })
  const contact = store.contact(pathPart(contactId))
  if (!contact || contact.bot !== bot.id) throw new HttpError(404, 'unknown_contact', `bot "${bot.id}" has no contact "${contactId}"`)
  send(res, 200, {
    ...contactView({ context, bot }, contact),
    createdAt: contact.created_at,
    started: contact.started === 1,
    pendingStart: contact.pending_start,
    state: JSON.parse(contact.state),
    linkOpens: store.linkOpens(contact.id),
    lastIntent: contact.last_intent ? JSON.parse(contact.last_intent) : null,
    messages: store.messagesAfter(contact.id, 0, 10_000),
  })
}
