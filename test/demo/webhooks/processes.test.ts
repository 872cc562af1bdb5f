import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createDemoServer } from '../../../demo/http/server.ts'
import { PostgresStore } from '../../../demo/store/postgres.ts'
import { SqliteStore } from '../../../demo/store/sqlite.ts'
import type { Store } from '../../../demo/store/store.ts'
import { parseEntryLink } from '../../../widget/entry/index.ts'
import { ENGINES, type TestDatabase } from '../engines.ts'
import { ADMIN, root, visitor } from '../server-harness.ts'
import { botWithWebhook, startReceiver, until } from './receiver.ts'

// A timeout far above any answer's time here, even on a busy machine: an attempt given up on
// while its answer was on the way is sent again, which is a duplicate by design, not a race.
const FAST = { pollMs: 10, baseDelayMs: 20, maxDelayMs: 100, timeoutMs: 5000 }
const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Another store on the same data, as another process would open it. */
async function openAgain(database: TestDatabase): Promise<Store> {
  const store = database.env.DATABASE_URL
    ? await PostgresStore.open(database.env.DATABASE_URL, { max: 2 })
    : new SqliteStore(join(database.env.DATA_DIR, 'doorway.sqlite'))
  cleanups.push(() => store.close())
  return store
}

async function listen(store: Store, url: string) {
  const server = createDemoServer({
    store,
    bots: botWithWebhook(url, ['link.applied', 'value.stored']),
    adminToken: ADMIN,
    root,
    webhookSettings: FAST,
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  cleanups.push(async () => {
    await server.context.webhookSender?.stop()
    server.closeAllConnections()
    await new Promise((done) => server.close(done))
  })
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`
}

describe.each(ENGINES)('webhook senders sharing one database, on $name', (engine) => {
  it('never send one delivery twice, and keep each contact in order', async () => {
    const receiver = await startReceiver()
    cleanups.push(() => receiver.close())
    const database = await engine.create()
    cleanups.push(() => database.dispose())
    const bases = [await listen(database.store, receiver.url), await listen(await openAgain(database), receiver.url)]
    const link = parseEntryLink('https://shop.example/?ref=giveaway--T-1&bs_ref=user:first%20name:Ann;variables:color:green')
    await Promise.all(Array.from({ length: 10 }, (_, i) => visitor(bases[i % 2]).session(link)))
    await until(() => receiver.received.length >= 40)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(receiver.received).toHaveLength(40)
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(40)
    const byContact = new Map<string, string[]>()
    for (const r of receiver.received) {
      const body = JSON.parse(r.body)
      byContact.set(body.contactId, [...(byContact.get(body.contactId) ?? []), body.type])
    }
    expect(byContact.size).toBe(10)
    for (const types of byContact.values()) expect(types).toEqual(['link.applied', 'value.stored', 'value.stored', 'value.stored'])
  })

  it('send a delivery whose sender died holding it once its lease lapses', async () => {
    const receiver = await startReceiver()
    cleanups.push(() => receiver.close())
    const database = await engine.create()
    cleanups.push(() => database.dispose())
    // A process claims the first delivery and dies before it answers: its lease is left behind.
    await database.store.transaction(async (tx) => {
      const contact = await tx.createContact('demo', 'a-visitor-token-of-enough-length')
      await tx.addDelivery({
        id: 'evt_orphan',
        bot: 'demo',
        contactId: contact.id,
        type: 'chat.opened',
        body: '{"id":"evt_orphan"}',
        at: Date.now(),
      })
    })
    const leased = Date.now()
    expect(await database.store.claimDeliveries(leased, leased + 500, 10)).toHaveLength(1)
    await listen(await openAgain(database), receiver.url)
    await until(() => receiver.accepted().length === 1)
    expect(Date.now() - leased).toBeGreaterThanOrEqual(450)
    expect(receiver.received.map((r) => r.id)).toEqual(['evt_orphan'])
  })
})
