// The wire protocol between the widget and a bot backend, version 1 (docs/protocol.md).
// Types, and the patterns a bot's look must match: the reference backend in demo/ checks its bot
// files by them, and the widget checks what it is sent by them again.
import type { EntryIntent, Rejection } from '../entry/types.ts'

/** Every 4xx and 5xx answer: a stable code and a sentence for people. */
export interface ErrorBody {
  error: { code: string; message: string }
}

/** Public facts about a bot, for the launcher and panel. */
export interface BotInfo {
  id: string
  name: string
  /** A short line shown under the name in the panel header. */
  tagline: string
  /** The bot's picture in the panel header, an http(s) address or a path on the backend; without it, the name's initials. */
  avatar?: string
  /** The bot's look, used where the site set none (README, "Theming"). */
  theme?: BotTheme
  /** A greeting beside the closed launcher (TEASER): plain text, dismissible. */
  teaser?: string
}

/** A bot's colours, corners and font: each one optional, each matching its pattern below. */
export interface BotTheme {
  /** `#rgb` or `#rrggbb` (THEME_ACCENT). */
  accent?: string
  /** The corner radius of the panel and its bubbles, in px, 0 to THEME_MAX_RADIUS. */
  radius?: number
  /** A CSS font-family list (THEME_FONT): names, commas, spaces, quotes and hyphens only. */
  font?: string
}

export const THEME_ACCENT = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i
export const THEME_MAX_RADIUS = 24
// No parenthesis, semicolon, brace or backslash: a font list, never url() or another declaration.
export const THEME_FONT = /^[A-Za-z0-9 ,'"-]{1,120}$/
/** A teaser: 1 to 140 characters with something visible in them (not only spaces or invisible marks). */
export const TEASER = /^(?=.*[^\s\p{C}\p{M}]).{1,140}$/su
/** Whether a value is a radius a theme takes: a whole number of px from 0 to THEME_MAX_RADIUS. */
export const isThemeRadius = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= THEME_MAX_RADIUS

/** POST /v1/bots/{bot}/session: start or resume, applying an entry link once. */
export interface SessionRequest {
  /** The decoded link, sent whole; the backend applies the rules of docs/protocol.md. */
  intent?: EntryIntent
  /** A client-made id for this link visit: the intent is applied once however often it is sent. */
  intentId?: string
}

export type UpdateStatus = 'stored' | 'rejected'

/** What became of one field, attribute or variable. */
export interface UpdateResult {
  /** The update's id, or for an intent `ref`, `payload`, `user.email`, `fields.738`, `variables.color`. */
  id: string
  status: UpdateStatus
  code?: string
  message?: string
}

export interface SessionResponse {
  contactId: string
  /** True when this intent id had been applied before and nothing was applied again. */
  replayed: boolean
  /** The entry link the intent named, when the bot knows it. */
  link: string | null
  /** Where the conversation starts when the chat opens, when the link asked for a place. */
  start: string | null
  results: UpdateResult[]
  /** Pieces rejected by the widget's decoder, as received. */
  decoderRejections: Rejection[]
  /** The highest message sequence number stored for this conversation. */
  lastSeq: number
  /** The greeting of the entry link whose start awaits the chat's opening, when it has one (TEASER); before the bot's. */
  teaser?: string
}

/** One field update, sent with a client-made id and applied once. */
export interface FieldUpdate {
  id: string
  /** `field` (custom field by id or name), `user` (system attribute) or `variable`. */
  type: 'field' | 'user' | 'variable'
  key: string
  value: string
}

export interface UpdatesRequest {
  updates: FieldUpdate[]
}

export interface UpdatesResponse {
  results: (UpdateResult & { duplicate: boolean })[]
}

/** A choice offered by a bot message: a quick reply or a button. */
export interface ChatOption {
  /** Index of the option in its message, sent back as the choice. */
  index: number
  title: string
  /** A button that opens a page instead of answering. */
  url?: string
}

export interface ChatMessage {
  /** Order within the conversation, from 1; the SSE event id. */
  seq: number
  from: 'bot' | 'visitor'
  kind: 'text' | 'quick_replies' | 'buttons' | 'image' | 'card'
  text?: string
  options?: ChatOption[]
  image?: { url: string; alt: string }
  card?: { title: string; subtitle?: string; image?: string }
  /** ISO 8601 time it was stored. */
  at: string
}

/** POST /v1/bots/{bot}/messages: the visitor's text or choice, with a client-made id. */
export interface VisitorMessageRequest {
  id: string
  text?: string
  /** A choice of an option offered by an earlier bot message. */
  choice?: { seq: number; index: number }
}

export interface MessagesResponse {
  /** The messages the request added: the visitor's own, then the bot's replies. */
  messages: ChatMessage[]
  duplicate: boolean
}

/** GET /v1/bots/{bot}/me: what the backend holds for this visitor. */
export interface ContactView {
  contactId: string
  user: Record<string, string>
  fields: { id: string; name: string; value: string }[]
  variables: Record<string, string>
  externalId: string | null
}
