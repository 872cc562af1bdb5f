/** Canonical names of the system attributes a link may set (docs/entry-links.md, EntryIntent). */
export type SystemAttribute = 'first_name' | 'last_name' | 'full_name' | 'user_id' | 'email' | 'phone' | 'gender' | 'birthday'

/** The grammars the decoder recognises. */
export type Dialect = 'dashed' | 'base64json' | 'segments'

/** A custom field set by a link, by id or by custom name. */
export interface FieldUpdate {
  key: string
  value: string
}

/** One piece of a link that was dropped, and why. */
export interface Rejection {
  /** The piece as written in the link (a token, a segment, a key). */
  part: string
  /** A sentence saying why it was dropped. */
  reason: string
  /** A stable machine-readable reason, e.g. `invalid-gender`. */
  code: RejectionCode
  /** The address parameter the piece came from, when there is one. */
  param?: string
}

export type RejectionCode =
  | 'invalid-url'
  | 'malformed-encoding'
  | 'repeated-parameter'
  | 'parameter-too-long'
  | 'value-too-long'
  | 'control-character'
  | 'malformed-unicode'
  | 'unsafe-number'
  | 'reserved-name'
  | 'empty-key'
  | 'empty-value'
  | 'placeholder'
  | 'invalid-gender'
  | 'invalid-birthday'
  | 'invalid-email'
  | 'invalid-phone'
  | 'invalid-json'
  | 'unsupported-value'
  | 'unknown-key'
  | 'unknown-segment'
  | 'too-many'
  | 'overridden'
  | 'ignored-parameter'
  | 'reserved-payload'

/** What a campaign link asks for: the contract of docs/entry-links.md. */
export interface EntryIntent {
  dialect: Dialect | null
  bot: string | null
  ref: string | null
  block: string | null
  payload: string | null
  fields: FieldUpdate[]
  user: Partial<Record<SystemAttribute, string>>
  variables: Record<string, string>
  externalId: string | null
  json: unknown
  rejected: Rejection[]
  /** Doorway's addition: the address parameters the decoder read, to scrub from the address bar. */
  params: string[]
  /** Doorway's addition: a signed link's signature and the exact values it covers (docs/protocol.md). */
  signature: EntrySignature | null
}

/** What a backend needs to check a signed link: the signature and the decoded values it signs. */
export interface EntrySignature {
  sig: string
  /** Every entry parameter of the link as decoded, `exp` included, by name. */
  params: Record<string, string>
}

/** Which address parameters carry what; every list is tried in order. */
export interface EntryParams {
  /** Parameters read like `ref` (any dialect). Default `['ref']`; add `start` for Telegram-style links. */
  ref: string[]
  /** Parameters read as `segments`. Default `['bs_ref']`. */
  segments: string[]
  /** Parameters naming the bot or account. Default `['p']`. */
  bot: string[]
  /** The signature and its expiry (unix seconds) of a signed link. Default `['sig', 'exp']`. */
  signature: [sig: string, exp: string]
}

export interface ParseOptions {
  params?: Partial<EntryParams>
}

/** What a link should carry: the writable part of an EntryIntent. */
export interface LinkIntent {
  ref?: string
  payload?: string
  block?: string
  externalId?: string
  fields?: FieldUpdate[]
  user?: Partial<Record<SystemAttribute, string>>
  variables?: Record<string, string>
  /** A JSON object payload (dashed only). */
  json?: unknown
}

/** The channels the builder writes links for (docs/entry-links.md, "Building links per channel"). */
export type Channel = 'messenger' | 'instagram' | 'whatsapp' | 'telegram' | 'viber' | 'web' | 'sms'

export interface LinkTarget {
  channel: Channel
  /**
   * Who the link reaches: the page (Messenger), username (Instagram), phone number in full
   * international form (WhatsApp, SMS), bot username (Telegram), chat URI (Viber), or the
   * http(s) address of a page with the widget (web).
   */
  to: string
  /** The web chat account, written as `p` (web only). */
  account?: string
  /** Write this dialect, or fail; by default the first one that fits the channel. */
  dialect?: Dialect
}

/** Why a link cannot be written, or what its reader should know. */
export interface BuildIssue {
  code: string
  message: string
  dialect?: Dialect
  part?: string
}

export type BuildResult =
  | {
      ok: true
      link: string
      /** The dialect of the main parameter. */
      dialect: Dialect
      /** The parameter that carries the value (`ref`, `start`, `text`, `context`, `body`). */
      param: string
      warnings: BuildIssue[]
    }
  | { ok: false; errors: BuildIssue[] }
