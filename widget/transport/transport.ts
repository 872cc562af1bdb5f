import type {
  BotInfo,
  ChatMessage,
  ContactView,
  MessagesResponse,
  SessionRequest,
  SessionResponse,
  UpdatesRequest,
  UpdatesResponse,
  VisitorMessageRequest,
} from './protocol.ts'

/** The outcome of one call: the answer, or why there is none and whether to try again. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: TransportError }

export interface TransportError {
  /** HTTP status, or 0 when no answer arrived. */
  status: number
  code: string
  message: string
  /** True when the same call may succeed later (network, 5xx, 429, 408). */
  retryable: boolean
  /** Seconds the server asked to wait (Retry-After). */
  retryAfter?: number
}

/** How the widget talks to a bot backend (docs/protocol.md). */
export interface Transport {
  info(): Promise<Result<BotInfo>>
  session(body: SessionRequest): Promise<Result<SessionResponse>>
  open(): Promise<Result<{ messages: ChatMessage[]; lastSeq: number }>>
  updates(body: UpdatesRequest): Promise<Result<UpdatesResponse>>
  message(body: VisitorMessageRequest): Promise<Result<MessagesResponse>>
  history(after: number): Promise<Result<{ messages: ChatMessage[]; lastSeq: number }>>
  me(): Promise<Result<ContactView>>
  /** Streams every message after `after`, then new ones, and whether the bot is typing; returns the cleanup. */
  subscribe(
    after: number,
    onMessage: (message: ChatMessage) => void,
    onState?: (connected: boolean) => void,
    onTyping?: (typing: boolean) => void,
  ): () => void
}
