import { hash } from 'node:crypto'
import type { UpdateResult, UpdatesResponse } from '../../widget/transport/protocol.ts'
import type { BotDef } from '../bot/types.ts'
import { writeValue } from '../bot/write-value.ts'
import type { Queries } from '../store/queries.ts'
import { emitValuesStored, type ValueSource } from '../webhooks/events.ts'
import { HttpError } from './http-error.ts'

// Field, attribute and variable updates, each with a client-made id and applied once: the
// visitor's `POST /updates` and the bot API's `POST …/values` (docs/protocol.md, docs/bot-api.md).

const CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/
const MAX_UPDATES = 100

export interface Update {
  id: string
  type: 'field' | 'user' | 'variable'
  key: string
  value: unknown
}

/** A client-made id: 1 to 64 characters of A-Z a-z 0-9 _ -, or a 400 naming `what`. */
export function clientId(value: unknown, what: string): string {
  if (typeof value !== 'string' || !CLIENT_ID.test(value))
    throw new HttpError(400, 'invalid_id', `${what} must be 1 to 64 characters of A-Z a-z 0-9 _ -`)
  return value
}

/** The `updates` of a request body, each checked, or a 400 naming the first that is wrong. */
export function readUpdates(input: Record<string, unknown>): Update[] {
  if (!Array.isArray(input.updates)) throw new HttpError(400, 'invalid_body', 'updates must be an array')
  if (input.updates.length > MAX_UPDATES) throw new HttpError(400, 'too_many_updates', `send at most ${MAX_UPDATES} updates at once`)
  return input.updates.map((u: unknown, i: number) => {
    const update = (typeof u === 'object' && u !== null ? u : {}) as Record<string, unknown>
    const id = clientId(update.id, `updates[${i}].id`)
    if (update.type !== 'field' && update.type !== 'user' && update.type !== 'variable') {
      throw new HttpError(400, 'invalid_update', `updates[${i}].type must be field, user or variable`)
    }
    if (typeof update.key !== 'string' || update.key === '')
      throw new HttpError(400, 'invalid_update', `updates[${i}].key must be a non-empty string`)
    return { id, type: update.type, key: update.key, value: update.value }
  })
}

/**
 * Applies each update once, on a transaction's queries: an id seen before (`scope` makes it
 * the stored one) gives back its first result, marked duplicate. Where `refuseReuse` (the bot
 * API), an id seen before with another update is refused instead (409 `id_reused`): a bot's
 * program that makes two values' ids from one event would otherwise lose the second without
 * a word. The widget's ids are random per update and its retries send the same one, so its
 * `updates` keep answering the first result, as the protocol has always said.
 */
export async function applyUpdates(
  tx: Queries,
  bot: BotDef,
  contactId: string,
  list: Update[],
  scope: (id: string) => string,
  source: ValueSource,
  refuseReuse = false,
): Promise<UpdatesResponse['results']> {
  const results: UpdatesResponse['results'] = []
  for (const [i, update] of list.entries()) {
    const scoped = scope(update.id)
    const of = digestOf(update)
    const earlier = (await tx.updateResult(contactId, scoped)) as (UpdateResult & { of?: string }) | undefined
    if (earlier) {
      // Results stored before the digest was kept have none, and are taken as the same update.
      const { of: earlierOf, ...result } = earlier
      if (refuseReuse && earlierOf !== undefined && earlierOf !== of)
        throw new HttpError(
          409,
          'id_reused',
          `updates[${i}].id "${update.id}" was used for another update; give each update an id of its own`,
        )
      results.push({ ...result, duplicate: true })
      continue
    }
    const result = await applyUpdate(tx, bot, contactId, update, source)
    await tx.saveUpdateResult(contactId, scoped, { ...result, of })
    results.push({ ...result, duplicate: false })
  }
  return results
}

/** What tells one update from another under the same id: its type, key and value. */
function digestOf(update: Update): string {
  return hash('sha256', JSON.stringify([update.type, update.key, update.value ?? null]), 'base64url')
}

async function applyUpdate(store: Queries, bot: BotDef, contactId: string, update: Update, source: ValueSource): Promise<UpdateResult> {
  const target = update.type === 'field' ? { field: update.key } : update.type === 'user' ? { user: update.key } : { variable: update.key }
  const written = await writeValue(store, bot, contactId, target, update.value)
  if (written.ok) await emitValuesStored(store, bot, contactId, [written.stored], source)
  return written.ok
    ? { id: update.id, status: 'stored' }
    : { id: update.id, status: 'rejected', code: written.code, message: written.message }
}
