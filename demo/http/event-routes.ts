import type { ChatMessage } from '../../widget/transport/protocol.ts'
import { type BotExchange, botRoutes } from './bot-route.ts'
import { cursorOf } from './cursor.ts'
import { HttpError } from './http-error.ts'
import type { Route } from './router.ts'
import { contactOf, visitorToken } from './visitor-token.ts'

/** Open event streams per visitor token: one per tab, a handful at most. */
export const MAX_STREAMS_PER_VISITOR = 8
/** A comment line this often keeps proxies from closing a quiet stream. */
const PING_MS = 15_000

/** Server-Sent Events: every message after Last-Event-ID, then live ones; `id` is the sequence number. */
function events(r: BotExchange): void {
  const token = visitorToken(r)
  const contact = contactOf(r, token, false)
  const after = cursorOf(r, r.req.headers['last-event-id'])
  const { res, context } = r
  // A visitor has a few tabs, not hundreds: each open stream holds a socket and a listener.
  const open = context.streamsPerVisitor.get(token) ?? 0
  if (open >= MAX_STREAMS_PER_VISITOR) {
    throw new HttpError(429, 'too_many_streams', `this visitor already has ${open} event streams open; close one first`, {
      'Retry-After': '5',
    })
  }
  context.streamsPerVisitor.set(token, open + 1)
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
  for (let page = context.store.messagesAfter(contact.id, after); page.length > 0; page = context.store.messagesAfter(contact.id, last)) {
    for (const message of page) write(message)
  }
  const unsubscribe = context.hub.subscribe(contact.id, write)
  const ping = setInterval(() => res.write(': ping\n\n'), PING_MS)
  context.streams.add(res)
  let closed = false
  const close = () => {
    if (closed) return
    closed = true
    clearInterval(ping)
    unsubscribe()
    context.streams.delete(res)
    const left = (context.streamsPerVisitor.get(token) ?? 1) - 1
    if (left > 0) context.streamsPerVisitor.set(token, left)
    else context.streamsPerVisitor.delete(token)
  }
  r.req.on('close', close)
  res.on('close', close)
}

export const eventRoutes: Route[] = botRoutes('/events', { GET: events })
