import type { IncomingMessage, ServerResponse } from 'node:http'
import type { BotDef } from '../bot/types.ts'
import { HttpError } from './http-error.ts'

/**
 * Per-bot allowed origins, plus `extra` (ALLOWED_ORIGINS of `npm run demo`): a browser page of
 * another origin gets 403. A request without Origin is not from a browser page and passes; the
 * page's own origin always may. A refused origin still gets the CORS headers, on its preflight
 * and on the 403, so that the widget on that page can read the refusal and say in the console
 * what to change, instead of "Connection lost" forever; no handler runs for it.
 */
export function allowOrigin(req: IncomingMessage, res: ServerResponse, bot: BotDef, extra: readonly string[] = []): void {
  const origin = req.headers.origin
  if (!origin) return
  res.setHeader('Access-Control-Allow-Origin', origin)
  res.setHeader('Vary', 'Origin')
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Last-Event-ID')
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS')
  res.setHeader('Access-Control-Max-Age', '600')
  const sameOrigin = origin === `http://${req.headers.host}` || origin === `https://${req.headers.host}`
  const allowed = [...bot.allowedOrigins, ...extra]
  if (sameOrigin || allowed.includes('*') || allowed.includes(origin)) return
  // The preflight passes so that the request itself comes, and is refused readably.
  if (req.method === 'OPTIONS') return
  throw new HttpError(
    403,
    'origin_not_allowed',
    `this page's origin ${origin} is not allowed for bot "${bot.id}": add it to "allowedOrigins" in the bot's file (or, with npm run demo, to ALLOWED_ORIGINS)`,
  )
}
