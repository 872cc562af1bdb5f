import { createServer, type Server } from 'node:http'
import { startWebhookSender } from '../webhooks/sender.ts'
import type { Context, ServerOptions } from './context.ts'
import { MessageHub } from './message-hub.ts'
import { type RateLimit, RateLimiter, refuseIfLimited } from './rate-limit.ts'
import { sendError } from './respond.ts'
import { createRouter } from './router.ts'
import { routeTable } from './routes.ts'
import { SharedRateLimit } from './shared-rate-limit.ts'

export type { Context, ServerOptions } from './context.ts'

/** The reference backend: the bot API under /v1, the QA page and the built widget. */
export function createDemoServer(options: ServerOptions): Server & { context: Context } {
  const visitorRate = options.visitorRate ?? [60, 20]
  const addressRate = options.addressRate ?? [600, 200]
  const botApiRate = options.botApiRate ?? [600, 200]
  const context: Context = {
    ...options,
    maxBody: options.maxBody ?? 64 * 1024,
    allowedOrigins: options.allowedOrigins ?? [],
    visitorRate,
    addressRate,
    botApiRate,
    hub: new MessageHub(
      options.store.feed
        ? { feed: options.store.feed, messagesAfter: (contactId, after) => options.store.messagesAfter(contactId, after) }
        : undefined,
    ),
    visitorLimiter: rateLimit(options, 'visitor', visitorRate),
    addressLimiter: rateLimit(options, 'address', addressRate),
    botApiLimiter: rateLimit(options, 'bot-api', botApiRate),
    streams: new Set(),
    streamsPerVisitor: new Map(),
    webhookSettings: options.webhookSettings ?? {},
    // Deliveries left pending by an earlier run are sent too: the sender starts from the database.
    webhookSender: [...options.bots.values()].some((bot) => bot.webhook)
      ? startWebhookSender(options.store, (bot) => options.bots.get(bot)?.webhook ?? null, options.webhookSettings)
      : null,
  }
  const route = createRouter(routeTable(options.root))
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    res.setHeader('X-Content-Type-Options', 'nosniff')
    Promise.resolve()
      .then(async () => {
        let resolved: ReturnType<typeof route> | { refused: unknown }
        try {
          resolved = route(req.method ?? 'GET', url.pathname)
        } catch (refused) {
          resolved = { refused }
        }
        // Every API request counts against its address, found or not, except those of a route
        // with its own limit (the bot API's, per bot once its key is checked).
        if (url.pathname.startsWith('/v1/') && !('route' in resolved && resolved.route.ownRateLimit))
          refuseIfLimited(await context.addressLimiter.take(req.socket.remoteAddress ?? 'unknown'), 'this address')
        if ('refused' in resolved) throw resolved.refused
        return resolved.route.handle({ req, res, url, params: resolved.params, context })
      })
      .catch((error: unknown) => sendError(res, error))
  }) as Server & { context: Context }
  server.context = context
  // Messages posted through the other processes on the same database reach this one's streams.
  const listening = options.store.feed?.listen((contactId) => context.hub.heard(contactId))
  listening?.catch((error: Error) => console.error('doorway-demo: cannot listen for other processes:', error.message))
  server.on('close', () => {
    for (const stream of context.streams) stream.end()
    context.webhookSender?.stop().catch(() => {})
    listening?.then((stop) => stop()).catch(() => {})
  })
  return server
}

/** Buckets in memory for a process alone; in the database when other processes share it (a store with a feed). */
function rateLimit(options: ServerOptions, name: string, [burst, perSecond]: [number, number]): RateLimit {
  if (options.store.feed) return new SharedRateLimit(options.store, name, burst, perSecond)
  const memory = new RateLimiter(burst, perSecond)
  return { take: async (key) => memory.take(key), wait: async (key) => memory.wait(key) }
}
