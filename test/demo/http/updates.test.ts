import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadBots } from '../../../demo/bot/load.ts'
import type { BotDef } from '../../../demo/bot/types.ts'
import { applyUpdates } from '../../../demo/http/updates.ts'
import { ENGINES, type TestDatabase } from '../engines.ts'
import { root } from '../server-harness.ts'

// demo/http/updates.ts on the store alone: each update once per id, and, for the bot API, an id
// reused for another update refused, also against results stored before digests were kept.
describe.each(ENGINES)('updates applied once, on $name', (engine) => {
  let database: TestDatabase
  const bot = loadBots(join(root, 'demo', 'bots')).get('demo') as BotDef
  beforeEach(async () => {
    database = await engine.create()
  })
  afterEach(() => database.dispose())

  const apply = (contactId: string, id: string, value: string, refuseReuse = true) =>
    database.store.transaction((tx) =>
      applyUpdates(tx, bot, contactId, [{ id, type: 'field', key: 'coupon', value }], (own) => `t:${own}`, 'api', refuseReuse),
    )

  it('answers an update sent again as a duplicate, and refuses its id with another value', async () => {
    const { id } = await database.store.transaction((tx) => tx.createContact('demo', 'a-visitor-token-22-chars'))
    expect(await apply(id, 'u1', 'A')).toEqual([{ id: 'u1', status: 'stored', duplicate: false }])
    expect(await apply(id, 'u1', 'A')).toEqual([{ id: 'u1', status: 'stored', duplicate: true }])
    await expect(apply(id, 'u1', 'B')).rejects.toMatchObject({ status: 409, code: 'id_reused' })
    // The widget's updates: its ids are random, so the same id is its retry, answered with the first result.
    expect(await apply(id, 'u1', 'B', false)).toEqual([{ id: 'u1', status: 'stored', duplicate: true }])
    expect((await database.store.values(id)).fields).toMatchObject({ 738: 'A' })
  })

  it('takes a result stored without a digest, before they were kept, as the same update', async () => {
    const { id } = await database.store.transaction((tx) => tx.createContact('demo', 'a-visitor-token-22-chars'))
    await database.store.transaction((tx) => tx.saveUpdateResult(id, 't:old', { id: 'old', status: 'stored' }))
    expect(await apply(id, 'old', 'anything')).toEqual([{ id: 'old', status: 'stored', duplicate: true }])
  })
})
