import type { IncomingMessage, ServerResponse } from 'node:http'
import type { BotDef } from '../bot/types.ts'
import { HttpError } from './http-error.ts'

/**
 * Per-bot allowed origins: a browser page of another origin gets 403. A request without
 * Origin is not from a browser page and passes; the page's own origin always may.
 */
export function allowOrigin(req: IncomingMessage, res: ServerResponse, bot: BotDef): void {
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
