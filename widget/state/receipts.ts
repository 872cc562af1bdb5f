import type { Result } from '../transport/transport.ts'

// What a command that queued an outbox item awaits (README, "Commands you can await"): the
// item's outcome, settled by the outbox runner when the backend acknowledges or refuses it.

type Settle = (outcome: Result<unknown>) => void

const waiting = new Map<string, Settle>()

/** Settles when the outbox item `id` is acknowledged (`ok`) or refused for good; a retry settles nothing. */
export function receiptFor(id: string): Promise<Result<unknown>> {
  return new Promise((resolve) => waiting.set(id, resolve))
}

/** Called by the outbox runner with an item's final outcome. */
export function settleReceipt(id: string, outcome: Result<unknown>): void {
  const settle = waiting.get(id)
  waiting.delete(id)
  settle?.(outcome)
}

/** Settles every receipt still waiting with `outcome` (the widget was destroyed or withdrawn). */
export function dropReceipts(outcome: Result<unknown>): void {
  for (const id of [...waiting.keys()]) settleReceipt(id, outcome)
}
