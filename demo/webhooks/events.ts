import { randomBytes } from 'node:crypto'
import type { Queries } from '../store/queries.ts'

// The events a bot's webhook may ask for, and their bodies: docs/webhooks.md.

export const WEBHOOK_EVENTS = ['link.applied', 'value.stored', 'chat.opened', 'message.received', 'goal.reached'] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

/** Where a stored value came from: a link, the visitor's `updates`, the bot's flow (`set`, an answer), or the bot API. */
export type ValueSource = 'link' | 'update' | 'flow' | 'api'

/** A value as it was stored: a custom field by id and name, a system attribute or a variable by name. */
export type StoredValue =
  | { kind: 'field'; id: string; name: string; value: string }
  | { kind: 'user'; name: string; value: string }
  | { kind: 'variable'; name: string; value: string }

/** What a bot's webhook needs here: its id and which events it wants. */
interface Subscriber {
  id: string
  webhook: { events: readonly WebhookEvent[] } | null
}

/**
 * Queues an event for the bot's webhook, if it asked for it, on the queries of the transaction
 * that made it happen: the delivery is kept exactly when the write is (demo/webhooks/sender.ts
 * sends it later; the visitor's request never waits for it).
 */
export async function emitEvent(tx: Queries, bot: Subscriber, contactId: string, type: WebhookEvent, data: unknown): Promise<void> {
  if (!bot.webhook?.events.includes(type)) return
  const id = `evt_${randomBytes(12).toString('base64url')}`
  const at = Date.now()
  const body = JSON.stringify({ id, type, bot: bot.id, contactId, at: new Date(at).toISOString(), data })
  await tx.addDelivery({ id, bot: bot.id, contactId, type, body, at })
}

/** Queues one `value.stored` per value, in order. */
export async function emitValuesStored(tx: Queries, bot: Subscriber, contactId: string, values: StoredValue[], source: ValueSource) {
  for (const value of values) await emitEvent(tx, bot, contactId, 'value.stored', { source, ...value })
}
