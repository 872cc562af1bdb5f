import type { BotTheme } from '../../widget/transport/protocol.ts'
import type { WebhookEvent } from '../webhooks/events.ts'

// What a bot file in demo/bots/ holds (docs/protocol.md, "Bot files"), once validated.

export type FieldType = 'text' | 'number' | 'email' | 'phone' | 'date'

export interface FieldDef {
  id: string
  name: string
  type: FieldType
}

export interface VariableDef {
  name: string
  type: FieldType
}

export interface EntryLinkDef {
  name: string
  /** The block the link starts at. */
  start: string
  /** The custom field (id or name) a bare payload goes to. */
  payloadField: string
  /** The greeting beside the launcher for a visitor who came through this link (SessionResponse.teaser). */
  teaser?: string
}

/** Where a value is read from or written to. */
export type Target = { field: string } | { user: string } | { variable: string }

export type Action = { goto: string } | { url: string }

export interface OptionDef {
  title: string
  goto?: string
  url?: string
}

export type Step =
  | { type: 'text'; text: string }
  | { type: 'quick_replies'; text: string; replies: OptionDef[] }
  | { type: 'buttons'; text: string; buttons: OptionDef[] }
  | { type: 'image'; url: string; alt: string }
  | { type: 'card'; title: string; subtitle?: string; image?: string; buttons: OptionDef[] }
  | { type: 'set'; target: Target; value: string }
  | { type: 'condition'; target: Target; op: ConditionOp; value?: string; then: string; else?: string }
  | { type: 'goto'; block: string }
  | { type: 'ask'; text: string; target: Target; retry: string; next?: string }
  | { type: 'summary'; text: string }

export type ConditionOp = 'equals' | 'not_equals' | 'is_set' | 'is_not_set' | 'contains' | 'greater_than' | 'less_than'

export interface BotDef {
  id: string
  name: string
  tagline: string
  /** The bot's picture, an http(s) address or a path on the backend (BotInfo.avatar). */
  avatar?: string
  theme?: BotTheme
  /** The greeting beside the closed launcher (BotInfo.teaser); a link's own teaser goes first. */
  teaser?: string
  /** HMAC secret for signed links; `env:NAME` reads it from the environment. */
  secret: string | null
  /** Where the bot's events are posted, signed with a secret from the environment (docs/webhooks.md). */
  webhook: { url: string; secret: string; events: WebhookEvent[] } | null
  /**
   * `flows`: the blocks below answer the visitor. `external`: the bot's own program answers,
   * hearing the visitor through the webhook and replying through the bot API (docs/bot-api.md).
   */
  engine: 'flows' | 'external'
  /** The key of the bot API (`Authorization: Bearer KEY`), from the environment; null: no bot API. */
  apiKey: string | null
  /** Origins allowed to call the API from a browser. */
  allowedOrigins: string[]
  fields: FieldDef[]
  variables: VariableDef[]
  links: EntryLinkDef[]
  defaultBlock: string
  /** The blocks that count as a conversion when a contact reaches them (docs/results.md). */
  goals: string[]
  /** Where free text goes when the bot is not waiting for an answer; null: it is only recorded. */
  fallbackBlock: string | null
  blocks: Record<string, Step[]>
}

/** Every bot has this text field: the default destination of a bare payload (seed 000). */
export const EXTERNAL_IDENTIFIER: FieldDef = { id: 'user_external_identifier', name: 'user_external_identifier', type: 'text' }
