import type { Platform } from '../transport/platform.ts'
import type { Result, Transport, TransportError } from '../transport/transport.ts'
import { $outbox, type OutboxItem } from './outbox.ts'
import { settleReceipt } from './receipts.ts'

export interface OutboxRunner {
  /** Sends what is due now; called by itself when items are added or a retry is due. */
  flush(): void
  stop(): void
}

export interface OutboxHandlers {
  /** The backend acknowledged an item. */
  done(item: OutboxItem, value: unknown): void
  /** The backend refused an item for good (a 4xx other than 408/429): it leaves the outbox. */
  refused(item: OutboxItem, error: TransportError): void
  /** Whether the backend answers at all, after each attempt. */
  reachable(online: boolean, error: TransportError | null): void
  /**
   * True for a refusal no retry on this page view can get past (the page's origin is not
   * allowed): the outbox stops and keeps the item, for a page view that may send it.
   */
  halts?(error: TransportError): boolean
}

const BASE_DELAY = 1000
const MAX_DELAY = 30_000

function send(transport: Transport, item: OutboxItem): Promise<Result<unknown>> {
  switch (item.kind) {
    case 'session':
      return transport.session(item.body)
    case 'open':
      return transport.open()
    case 'message':
      return transport.message(item.body)
    case 'updates':
      return transport.updates(item.body)
  }
}

/**
 * Sends the outbox in order, one item at a time: a later item never overtakes an earlier one
 * (the session comes before the chat's opening, messages in the order typed). Retries with
 * exponential backoff and jitter, or the server's Retry-After, until acknowledged.
 */
export function startOutbox(transport: Transport, platform: Platform, handlers: OutboxHandlers): OutboxRunner {
  let busy = false
  let stopped = false
  let timer: unknown = null

  const schedule = (ms: number) => {
    if (timer !== null) platform.clearTimeout(timer)
    timer = platform.setTimeout(() => {
      timer = null
      runner.flush()
    }, ms)
  }

  const runner: OutboxRunner = {
    flush() {
      if (busy || stopped) return
      const head = $outbox.get()[0]
      if (!head) return
      const wait = head.due - platform.now()
      if (wait > 0) return schedule(wait)
      busy = true
      send(transport, head)
        .then((result) => {
          busy = false
          if (stopped) return
          const rest = () => $outbox.set($outbox.get().filter((item) => item.id !== head.id))
          // Handlers run before the item leaves the outbox, so that what they queue in front goes next.
          if (result.ok) {
            handlers.reachable(true, null)
            handlers.done(head, result.value)
            rest()
            settleReceipt(head.id, result)
          } else if (result.error.retryable) {
            const attempts = head.attempts + 1
            const backoff = Math.min(MAX_DELAY, BASE_DELAY * 2 ** (attempts - 1))
            const delay = result.error.retryAfter
              ? result.error.retryAfter * 1000
              : backoff / 2 + (platform.randomBytes(1)[0] / 255) * (backoff / 2)
            $outbox.set($outbox.get().map((item) => (item.id === head.id ? { ...item, attempts, due: platform.now() + delay } : item)))
            handlers.reachable(result.error.status !== 0 && result.error.status !== 503, result.error)
          } else if (handlers.halts?.(result.error)) {
            runner.stop()
          } else {
            handlers.reachable(true, null)
            handlers.refused(head, result.error)
            rest()
            settleReceipt(head.id, result)
          }
          // Every branch changed $outbox: its listener has already flushed or scheduled the next send.
        })
        .catch(() => {
          // A handler failed: keep the item and try again later rather than stop the outbox.
          busy = false
          if (!stopped) schedule(BASE_DELAY)
        })
    },
    stop() {
      stopped = true
      if (timer !== null) platform.clearTimeout(timer)
      unlisten()
    },
  }
  // New items start a flush; a retry waits for its timer.
  const unlisten = $outbox.listen(() => {
    if (!busy && timer === null) runner.flush()
  })
  runner.flush()
  return runner
}
