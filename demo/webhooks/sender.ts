import type { DeliveryRow, Queries } from '../store/queries.ts'
import type { WebhookEvent } from './events.ts'
import { signatureHeader } from './verify.ts'

/** Where a bot's deliveries go and what signs them (the bot file's `webhook`). */
export interface WebhookTarget {
  url: string
  secret: string
  events: readonly WebhookEvent[]
}

export interface SenderSettings {
  /** How often the database is asked for due deliveries. */
  pollMs: number
  /** The first retry's delay; each next one doubles, up to `maxDelayMs`, with jitter. */
  baseDelayMs: number
  maxDelayMs: number
  /** How long a delivery is tried before it is marked `failed`. */
  maxAgeMs: number
  /** One attempt's timeout: a receiver that never answers costs this, and only the sender. */
  timeoutMs: number
  /** Deliveries sent at once (each of another contact). */
  batch: number
}

export const DEFAULT_SENDER_SETTINGS: SenderSettings = {
  pollMs: 250,
  baseDelayMs: 1000,
  maxDelayMs: 10 * 60_000,
  maxAgeMs: 24 * 60 * 60_000,
  timeoutMs: 10_000,
  batch: 20,
}

/** The delay before attempt `attempts + 1`: 1 s, 2 s, 4 s … capped, each between half and all of it. */
export function retryDelay(attempts: number, { baseDelayMs, maxDelayMs }: Pick<SenderSettings, 'baseDelayMs' | 'maxDelayMs'>): number {
  const full = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempts - 1))
  return full / 2 + (Math.random() * full) / 2
}

export interface WebhookSender {
  /** Stops polling, aborts the attempts in flight (their leases lapse) and resolves when idle. */
  stop(): Promise<void>
}

/**
 * Sends the queued deliveries in the background (docs/webhooks.md): the oldest pending one of
 * each contact, leased so that no other process sends it at once; the next one of a contact
 * only after it was answered 2xx or given up. What is pending at start, from an earlier run or
 * another process, is picked up like the rest.
 */
export function startWebhookSender(
  store: Queries,
  targetOf: (bot: string) => WebhookTarget | null,
  settings: Partial<SenderSettings> = {},
  fetchImpl: typeof fetch = fetch,
): WebhookSender {
  const config = { ...DEFAULT_SENDER_SETTINGS, ...settings }
  const inFlight = new Set<AbortController>()
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> = Promise.resolve()

  const attempt = async (delivery: DeliveryRow): Promise<void> => {
    const attempts = delivery.attempts + 1
    const target = targetOf(delivery.bot)
    let error: string
    if (!target) error = 'the bot has no webhook'
    else {
      const abort = new AbortController()
      inFlight.add(abort)
      // Claimed while the sender was stopping (stop had aborted what was in flight then): given
      // back without an attempt, which would hold stop() for a whole timeout.
      if (stopped) abort.abort()
      const timeout = setTimeout(() => abort.abort(), config.timeoutMs)
      try {
        const response = await fetchImpl(target.url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'User-Agent': 'Doorway-Webhooks',
            'Doorway-Delivery': delivery.id,
            'Doorway-Signature': signatureHeader(target.secret, delivery.body, Math.floor(Date.now() / 1000)),
          },
          body: delivery.body,
          signal: abort.signal,
        })
        // The body is not needed; reading it frees the connection.
        await response.arrayBuffer().catch(() => undefined)
        if (response.ok) return store.markDelivered(delivery.seq, attempts)
        error = `answered ${response.status}`
      } catch (failure) {
        error = abort.signal.aborted ? `no answer within ${config.timeoutMs} ms` : `cannot connect: ${(failure as Error).message}`
      } finally {
        clearTimeout(timeout)
        inFlight.delete(abort)
      }
    }
    // Stopping aborted it: given back at once, not counted, for the next run or another process.
    if (stopped) return store.recordFailedAttempt(delivery.seq, delivery.attempts, 'the sender stopped before an answer', Date.now())
    const nextAt = Date.now() + retryDelay(attempts, config)
    await store.recordFailedAttempt(delivery.seq, attempts, error, nextAt > delivery.since + config.maxAgeMs ? null : Math.round(nextAt))
  }

  // Attempts run on their own, up to `batch` at once: one receiver that never answers holds
  // only its own contacts' deliveries, not the other contacts'.
  const active = new Set<Promise<void>>()
  let ticking = false
  const schedule = (ms: number) => {
    if (stopped) return
    clearTimeout(timer)
    timer = setTimeout(run, ms)
  }
  const run = () => {
    if (ticking || stopped) return
    ticking = true
    running = tick().finally(() => {
      ticking = false
    })
  }
  const tick = async (): Promise<void> => {
    let claimed: DeliveryRow[] = []
    const room = config.batch - active.size
    if (room > 0) {
      try {
        const now = Date.now()
        // The lease outlasts the attempt's timeout, so it never lapses while the attempt may still succeed.
        claimed = await store.claimDeliveries(now, now + config.timeoutMs * 2 + 1000, room)
      } catch (error) {
        if (!stopped) console.error('doorway-demo: webhook sender:', (error as Error).message)
      }
    }
    for (const delivery of claimed) {
      const sending: Promise<void> = attempt(delivery)
        .catch((error: Error) => {
          if (!stopped) console.error('doorway-demo: webhook sender:', error.message)
        })
        .finally(() => {
          active.delete(sending)
          // Its contact's next delivery may be due now.
          schedule(0)
        })
      active.add(sending)
    }
    schedule(claimed.length > 0 ? 0 : config.pollMs)
  }

  run()
  return {
    async stop() {
      stopped = true
      clearTimeout(timer)
      for (const abort of inFlight) abort.abort()
      await running
      await Promise.all(active)
    },
  }
}
