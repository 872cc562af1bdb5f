import type { Platform } from './platform.ts'
import type { ChatMessage } from './protocol.ts'
import type { Result } from './transport.ts'

export interface EventsOptions {
  url: string
  token: string
  /** The last sequence number the widget already has. */
  after: number
  platform: Platform
  onMessage: (message: ChatMessage) => void
  onState?: (connected: boolean) => void
  /** The bot says it is typing (true), until its next message, its word, or the time it gave. */
  onTyping?: (typing: boolean) => void
  /** Used instead of the stream where there is no EventSource. */
  history: (after: number) => Promise<Result<{ messages: ChatMessage[] }>>
}

const POLL_MS = 3000
const MAX_BACKOFF_MS = 30_000

/**
 * Follows a conversation over Server-Sent Events. The browser's EventSource resumes with
 * Last-Event-ID by itself; when the server closes the stream for good, this reopens it with
 * backoff from the last sequence number seen. Returns the cleanup.
 */
export function subscribeEvents(options: EventsOptions): () => void {
  const { platform } = options
  let last = options.after
  let source: EventSource | null = null
  let timer: unknown = null
  let stopped = false
  let failures = 0
  let typing: unknown = null

  const typed = (seconds: number) => {
    if (typing !== null) platform.clearTimeout(typing)
    typing = seconds > 0 ? platform.setTimeout(() => typed(0), seconds * 1000) : null
    options.onTyping?.(seconds > 0)
  }
  const deliver = (message: ChatMessage) => {
    if (message.seq <= last) return
    last = message.seq
    if (typing !== null && message.from === 'bot') typed(0)
    options.onMessage(message)
  }
  const later = (fn: () => void, ms: number) => {
    timer = platform.setTimeout(() => {
      timer = null
      if (!stopped) fn()
    }, ms)
  }

  const poll = async () => {
    const result = await options.history(last)
    if (stopped) return
    if (result.ok) for (const message of result.value.messages) deliver(message)
    options.onState?.(result.ok)
    later(poll, POLL_MS)
  }

  const connect = () => {
    const EventSourceClass = platform.EventSource
    if (!EventSourceClass) return void poll()
    source = new EventSourceClass(`${options.url}?token=${encodeURIComponent(options.token)}&lastEventId=${last}`)
    source.addEventListener('open', () => {
      failures = 0
      options.onState?.(true)
    })
    source.addEventListener('message', (event) => {
      try {
        deliver(JSON.parse((event as MessageEvent<string>).data) as ChatMessage)
      } catch {
        // a malformed event is skipped; the next one carries on
      }
    })
    source.addEventListener('typing', (event) => {
      // At most half a minute, whatever a stream says: the indicator never sticks.
      try {
        const seconds = Math.min(30, Number(JSON.parse((event as MessageEvent<string>).data)?.seconds) || 0)
        if (seconds >= 0) typed(seconds)
      } catch {
        // a malformed event is skipped, like a malformed message
      }
    })
    source.addEventListener('error', () => {
      options.onState?.(false)
      // CLOSED means the browser gave up (an error status): reopen ourselves, with backoff.
      if (source && source.readyState === 2) {
        source.close()
        source = null
        failures++
        later(connect, Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(failures, 5)))
      }
    })
  }

  connect()
  return () => {
    stopped = true
    source?.close()
    source = null
    if (timer !== null) platform.clearTimeout(timer)
    if (typing !== null) typed(0)
  }
}
