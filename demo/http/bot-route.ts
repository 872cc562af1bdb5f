import type { BotDef } from '../bot/types.ts'
import { allowOrigin } from './cors.ts'
import { HttpError } from './http-error.ts'
import type { Exchange, Method, Route } from './router.ts'

/** A request to one bot's API: the bot named by the path is known and the origin allowed. */
export interface BotExchange extends Exchange {
  bot: BotDef
}

/** The bot a path names, or 404. */
export function botOf(exchange: Exchange): BotDef {
  const bot = exchange.context.bots.get(exchange.params.bot)
  if (!bot) throw new HttpError(404, 'unknown_bot', `no bot is named "${exchange.params.bot}"`)
  return bot
}

/** A route under /v1/bots/:bot: finds the bot, checks the origin, and answers CORS preflights of its path. */
export function botRoutes(path: string, methods: Partial<Record<Method, (exchange: BotExchange) => Promise<void> | void>>): Route[] {
  const full = `/v1/bots/:bot${path}`
  const wrap =
    (handle: (exchange: BotExchange) => Promise<void> | void) =>
    (exchange: Exchange): Promise<void> | void => {
      const bot = botOf(exchange)
      allowOrigin(exchange.req, exchange.res, bot, exchange.context.allowedOrigins)
      return handle({ ...exchange, bot })
    }
  const routes: Route[] = Object.entries(methods).map(([method, handle]) => ({
    method: method as Method,
    path: full,
    handle: wrap(handle),
  }))
  routes.push({ method: 'OPTIONS', path: full, handle: wrap(({ res }) => void res.writeHead(204).end()) })
  return routes
}
