import type { Platform } from './platform.ts'
import type { ChatMessage } from './protocol.ts'
import { subscribeEvents } from './sse.ts'
import type { Result, Transport, TransportError } from './transport.ts'

export interface HttpTransportOptions {
  /** The backend's address, e.g. `https://bots.example` (no trailing /v1). */
  api: string
  bot: string
  token: string
  platform: Platform
  /** Give up on a call after this long, in ms. */
  timeout?: number
}

/** The HTTP adapter of Transport: JSON over fetch, events over Server-Sent Events. */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const { platform, token } = options
  const base = `${options.api.replace(/\/+$/, '')}/v1/bots/${encodeURIComponent(options.bot)}`
  const timeout = options.timeout ?? 15_000

  /** Calls the backend; an answer that does not have the protocol's shape is an error, never a crash. */
  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    valid: (value: unknown) => boolean = isObject,
  ): Promise<Result<T>> {
    const controller = typeof AbortController === 'function' ? new AbortController() : null
    const timer = platform.setTimeout(() => controller?.abort(), timeout)
    try {
      const response = await platform.fetch(`${base}${path}`, {
        method,
        headers:
          body === undefined
            ? { Authorization: `Bearer ${token}` }
            : { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller?.signal,
        credentials: 'omit',
      })
      const text = await response.text()
      let parsed: unknown
      try {
        parsed = text ? JSON.parse(text) : undefined
      } catch {
        parsed = undefined
      }
      if (response.ok && valid(parsed)) return { ok: true, value: parsed as T }
      if (response.ok) {
        return {
          ok: false,
          error: {
            status: response.status,
            code: 'invalid_answer',
            message: `the bot backend's answer to ${method} ${path || '/'} is not what the protocol says`,
            retryable: false,
          },
        }
      }
      return { ok: false, error: errorOf(response.status, parsed, response.headers.get('Retry-After')) }
    } catch (error) {
      const aborted = (error as Error)?.name === 'AbortError'
      return {
        ok: false,
        error: {
          status: 0,
          code: aborted ? 'timeout' : 'network',
          message: aborted ? `no answer within ${timeout} ms` : 'the bot backend cannot be reached',
          retryable: true,
        },
      }
    } finally {
      platform.clearTimeout(timer)
    }
  }

  const history = (after: number) =>
    call<{ messages: ChatMessage[]; lastSeq: number }>('GET', `/messages?after=${after}`, undefined, hasMessages)
  return {
    info: () => call('GET', '', undefined, (v) => isObject(v) && typeof v.name === 'string'),
    session: (body) => call('POST', '/session', body, (v) => isObject(v) && typeof v.contactId === 'string' && Array.isArray(v.results)),
    open: () => call('POST', '/conversation/open', {}, hasMessages),
    updates: (body) => call('POST', '/updates', body, (v) => isObject(v) && Array.isArray(v.results)),
    message: (body) => call('POST', '/messages', body, hasMessages),
    history,
    me: () => call('GET', '/me'),
    subscribe: (after, onMessage, onState, onTyping) =>
      subscribeEvents({ url: `${base}/events`, token, after, platform, onMessage, onState, onTyping, history }),
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A list of messages, each with a sequence number: anything else is dropped before it reaches the UI. */
function hasMessages(value: unknown): boolean {
  return (
    isObject(value) &&
    Array.isArray(value.messages) &&
    value.messages.every((m) => isObject(m) && Number.isInteger(m.seq) && typeof m.kind === 'string')
  )
}

function errorOf(status: number, body: unknown, retryAfter: string | null): TransportError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error
  const code = typeof error?.code === 'string' ? error.code : `http_${status}`
  const message = typeof error?.message === 'string' ? error.message : `the bot backend answered ${status}`
  const wait = Number(retryAfter)
  return {
    status,
    code,
    message,
    retryable: status >= 500 || status === 429 || status === 408,
    ...(Number.isFinite(wait) && wait > 0 ? { retryAfter: wait } : {}),
  }
}
