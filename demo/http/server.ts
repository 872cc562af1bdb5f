import { createServer, type Server } from 'node:http'
import type { Context, ServerOptions } from './context.ts'
import { MessageHub } from './message-hub.ts'
import { RateLimiter, refuseIfLimited } from './rate-limit.ts'
import { sendError } from './respond.ts'
import { createRouter } from './router.ts'
import { routeTable } from './routes.ts'

export type { Context, ServerOptions } from './context.ts'

/** The reference backend: the bot API under /v1, the QA page and the built widget. */
export function createDemoServer(options: ServerOptions): Server & { context: Context } {
  const visitorRate = options.visitorRate ?? [60, 20]
  const addressRate = options.addressRate ?? [600, 200]
  const context: Context = {
    ...options,
    maxBody: options.maxBody ?? 64 * 1024,
    visitorRate,
    addressRate,
    hub: new MessageHub(
      options.store.feed
        ? { feed: options.store.feed, messagesAfter: (contactId, after) => options.store.messagesAfter(contactId, after) }
        : undefined,
    ),
    visitorLimiter: new RateLimiter(...visitorRate),
    addressLimiter: new RateLimiter(...addressRate),
    streams: new Set(),
    streamsPerVisitor: new Map(),
  }
  const route = createRouter(routeTable(options.root))
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    res.setHeader('X-Content-Type-Options', 'nosniff')
    Promise.resolve()
      .then(() => {
        // Every API request counts against its address, found or not.
        if (url.pathname.startsWith('/v1/'))
          refuseIfLimited(context.addressLimiter.take(req.socket.remoteAddress ?? 'unknown'), 'this address')
        const { route: found, params } = route(req.method ?? 'GET', url.pathname)
        return found.handle({ req, res, url, params, context })
      })
      .catch((error: unknown) => sendError(res, error))
  }) as Server & { context: Context }
  server.context = context
  // Messages posted through the other processes on the same database reach this one's streams.
  const listening = options.store.feed?.listen((contactId) => context.hub.heard(contactId))
  listening?.catch((error: Error) => console.error('doorway-demo: cannot listen for other processes:', error.message))
  server.on('close', () => {
    for (const stream of context.streams) stream.end()
    listening?.then((stop) => stop()).catch(() => {})
  })
  return server
}
