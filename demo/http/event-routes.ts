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

/**
 * Server-Sent Events: every message after Last-Event-ID, then live ones; `id` is the sequence
 * number. The subscription starts before the backlog is read, and what it brings meanwhile
 * waits until the backlog is out: a message committed while the backlog is read is neither
 * lost nor sent out of order.
 */
async function events(r: BotExchange): Promise<void> {
  const token = await visitorToken(r)
  const after = cursorOf(r, r.req.headers['last-event-id'])
  const contact = await contactOf(r, token, false)
  const { res, context } = r
  // A visitor has a few tabs, not hundreds: each open stream holds a socket and a listener.
  const open = context.streamsPerVisitor.get(token) ?? 0
  if (open >= MAX_STREAMS_PER_VISITOR) {
    throw new HttpError(429, 'too_many_streams', `this visitor already has ${open} event streams open; close one first`, {
      'Retry-After': '5',
    })
  }
  context.streamsPerVisitor.set(token, open + 1)
  let last = after
  let waiting: ChatMessage[] | null = []
  const write = (message: ChatMessage) => {
    if (message.seq <= last) return
    last = message.seq
    res.write(`id: ${message.seq}\nevent: message\ndata: ${JSON.stringify(message)}\n\n`)
  }
  const unsubscribeMessages = context.hub.subscribe(contact.id, (message) => (waiting ? waiting.push(message) : write(message)), after)
  // Typing is of the moment: what comes while the backlog is read is told once it is out, from
  // the hub, which also knows a signal sent before this stream opened.
  const unsubscribeTyping = context.hub.onTyping(contact.id, (seconds) => {
    if (!waiting) res.write(`event: typing\ndata: ${JSON.stringify({ seconds })}\n\n`)
  })
  const unsubscribe = () => {
    unsubscribeMessages()
    unsubscribeTyping()
  }
  let ping: NodeJS.Timeout | undefined
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
  try {
    // The whole backlog, page by page: a long conversation is not cut at one page.
    const backlog: ChatMessage[] = []
    for (let page = await context.store.messagesAfter(contact.id, after); page.length > 0; ) {
      backlog.push(...page)
      page = await context.store.messagesAfter(contact.id, page[page.length - 1].seq)
    }
    if (closed) return
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    })
    res.write('retry: 2000\n\n')
    for (const message of backlog) write(message)
    for (const message of waiting.sort((a, b) => a.seq - b.seq)) write(message)
    waiting = null
    const typing = context.hub.typingLeft(contact.id)
    if (typing > 0) res.write(`event: typing\ndata: ${JSON.stringify({ seconds: typing })}\n\n`)
  } catch (error) {
    close()
    throw error
  }
  ping = setInterval(() => res.write(': ping\n\n'), PING_MS)
  context.streams.add(res)
}

export const eventRoutes: Route[] = botRoutes('/events', { GET: events })
