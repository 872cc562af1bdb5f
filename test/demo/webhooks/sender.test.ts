import { describe, expect, it } from 'vitest'
import type { DeliveryRow, Queries } from '../../../demo/store/queries.ts'
import { startWebhookSender } from '../../../demo/webhooks/sender.ts'

// demo/webhooks/sender.ts on its own, with a store and a receiver of the test's making.
const delivery: DeliveryRow = {
  seq: 1,
  id: 'd1',
  bot: 'demo',
  contactId: 'c1',
  type: 'chat.opened',
  body: '{}',
  status: 'pending',
  attempts: 0,
  since: Date.now(),
  nextAt: Date.now(),
  leaseUntil: 0,
  lastError: null,
  createdAt: new Date().toISOString(),
}

describe('the webhook sender', () => {
  it('gives back, without an attempt, what it claimed while stopping, and stops at once', async () => {
    let claimed: (rows: DeliveryRow[]) => void = () => {}
    const failed: [number, string][] = []
    const store = {
      claimDeliveries: () => new Promise<DeliveryRow[]>((resolve) => (claimed = resolve)),
      recordFailedAttempt: async (_seq: number, attempts: number, error: string) => {
        failed.push([attempts, error])
      },
      markDelivered: async () => {},
    } as unknown as Queries
    // A receiver that never answers: only an abort ends an attempt.
    let attempts = 0
    const hang: typeof fetch = (_url, init) => {
      attempts++
      return new Promise((_resolve, reject) => {
        const signal = init?.signal as AbortSignal
        if (signal.aborted) reject(signal.reason)
        signal.addEventListener('abort', () => reject(signal.reason))
      })
    }
    const sender = startWebhookSender(
      store,
      () => ({ url: 'http://127.0.0.1:9/hook', secret: 's', events: [] }),
      { timeoutMs: 10_000 },
      hang,
    )
    // Stopped while the database is still answering the claim; then the claim brings a delivery.
    const started = performance.now()
    const stopping = sender.stop()
    claimed([delivery])
    await stopping
    expect(performance.now() - started).toBeLessThan(1000)
    // Given back as it was: the attempt is not counted.
    expect(failed).toEqual([[0, 'the sender stopped before an answer']])
    expect(attempts).toBeLessThanOrEqual(1)
  })
})
