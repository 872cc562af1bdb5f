import type { ServerResponse } from 'node:http'
import type { BotDef } from '../bot/types.ts'
import type { Store } from '../store/store.ts'
import type { SenderSettings, WebhookSender } from '../webhooks/sender.ts'
import type { MessageHub } from './message-hub.ts'
import type { RateLimit } from './rate-limit.ts'

export interface ServerOptions {
  store: Store
  bots: Map<string, BotDef>
  adminToken: string
  /** The project folder: index.html, dist/ and demo/public/ are served from it. */
  root: string
  /** Largest request body, in bytes. */
  maxBody?: number
  visitorRate?: [burst: number, perSecond: number]
  addressRate?: [burst: number, perSecond: number]
  /** Each bot's bucket for its bot API calls, which then do not count against their address. */
  botApiRate?: [burst: number, perSecond: number]
  /** Origins allowed for every bot, beside each bot file's own (`ALLOWED_ORIGINS`). */
  allowedOrigins?: string[]
  /** The webhook sender's timings (demo/webhooks/sender.ts); tests shorten them. */
  webhookSettings?: Partial<SenderSettings>
}

/** What every route reads: the options, with defaults filled in, and the server's live state. */
export interface Context extends Required<ServerOptions> {
  hub: MessageHub
  visitorLimiter: RateLimit
  addressLimiter: RateLimit
  botApiLimiter: RateLimit
  streams: Set<ServerResponse>
  /** Open event streams by visitor token, to cap them. */
  streamsPerVisitor: Map<string, number>
  /** Sends the bots' webhook deliveries; null when no bot has a webhook. */
  webhookSender: WebhookSender | null
}
