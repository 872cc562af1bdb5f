import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createDemoServer } from '../../../demo/http/server.ts'
import { PostgresStore } from '../../../demo/store/postgres.ts'
import { SqliteStore } from '../../../demo/store/sqlite.ts'
import type { Store } from '../../../demo/store/store.ts'
import { parseEntryLink } from '../../../widget/entry/index.ts'
import { ENGINES } from '../engines.ts'
import { ADMIN, root, startServer, visitor } from '../server-harness.ts'
import { botWithWebhook, startReceiver, until } from './receiver.ts'

const LINK = parseEntryLink('https://shop.example/?ref=giveaway--T-100&bs_ref=user:first%20name:Ann;variables:color:green')
/**
 * Retries a few milliseconds apart: the schedule, shortened. The timeout stays far above any
 * answer's time here, even on a busy machine (an attempt given up on while its answer was on
 * the way is sent again, a duplicate by design), except where a timeout is what is tested.
 */
const FAST = { pollMs: 20, baseDelayMs: 20, maxDelayMs: 100, timeoutMs: 5000 }

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function serve(engine: (typeof ENGINES)[number], url: string, webhookSettings: object = FAST) {
  const server = await startServer({ engine, bots: botWithWebhook(url, ['link.applied', 'value.stored']), webhookSettings })
  cleanups.push(async () => {
    await server.server.context.webhookSender?.stop()
    await server.close()
  })
  return server
}

const bodyOf = (r: { body: string }) => JSON.parse(r.body)

describe.each(ENGINES)('webhooks out, on $name', (engine) => {
  it("posts a link's fields signed, once each, in order: link.applied, then every value.stored", async () => {
    const receiver = await startReceiver()
    cleanups.push(() => receiver.close())
    const server = await serve(engine, receiver.url)
    const v = visitor(server.base)
    const session = await v.session(LINK, 'intent-w1')
    await until(() => receiver.received.length >= 4)
    // Nothing more comes: the session replayed queues nothing either.
    await v.session(LINK, 'intent-w1')
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(receiver.received).toHaveLength(4)
    expect(receiver.received.every((r) => r.verified && r.delivery === r.id)).toBe(true)
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(4)
    const bodies = receiver.received.map(bodyOf)
    expect(bodies.map((b) => b.type)).toEqual(['link.applied', 'value.stored', 'value.stored', 'value.stored'])
    for (const body of bodies) expect(body).toMatchObject({ bot: 'demo', contactId: session.body.contactId })
    expect(bodies[0].data).toMatchObject({ link: 'giveaway', start: 'giveaway', signed: false, results: session.body.results })
    expect(bodies[0].data.intent).toMatchObject({ ref: 'giveaway', payload: 'T-100' })
    expect(bodies.slice(1).map((b) => b.data)).toEqual([
      { source: 'link', kind: 'field', id: '738', name: 'coupon', value: 'T-100' },
      { source: 'link', kind: 'user', name: 'first_name', value: 'Ann' },
      { source: 'link', kind: 'variable', name: 'color', value: 'green' },
    ])
    const delivered = await server.store.deliveries('demo', 'delivered')
    expect(delivered.map((d) => [d.id, d.attempts])).toEqual(receiver.received.map((r) => [r.id, 1]))
  })

  it('sends each delivery again after a 500 and a timeout, and keeps the order while it waits', async () => {
    const receiver = await startReceiver([500, 'hang'])
    cleanups.push(() => receiver.close())
    const server = await serve(engine, receiver.url, { ...FAST, timeoutMs: 1000 })
    await visitor(server.base).session(LINK)
    await until(() => receiver.accepted().length >= 4)
    const ids = [...new Set(receiver.received.map((r) => r.id))]
    // The first delivery three times (500, no answer, 2xx), and only then the next ones.
    expect(receiver.received.map((r) => [ids.indexOf(r.id), r.answer])).toEqual([
      [0, 500],
      [0, 'hang'],
      [0, 200],
      [1, 200],
      [2, 200],
      [3, 200],
    ])
    expect(receiver.accepted().map((r) => bodyOf(r).type)).toEqual(['link.applied', 'value.stored', 'value.stored', 'value.stored'])
    const first = (await server.store.deliveries('demo', 'delivered'))[0]
    expect(first.attempts).toBe(3)
  })

  it('delivers what a stopped backend left pending, once, when the next one starts on the same data', async () => {
    const receiver = await startReceiver([], 503)
    cleanups.push(() => receiver.close())
    const database = await engine.create()
    cleanups.push(() => database.dispose())
    const bots = botWithWebhook(receiver.url, ['link.applied', 'value.stored'])
    const first = createDemoServer({ store: database.store, bots, adminToken: ADMIN, root, webhookSettings: FAST })
    await new Promise<void>((done) => first.listen(0, '127.0.0.1', done))
    const base = `http://127.0.0.1:${(first.address() as { port: number }).port}`
    await visitor(base).session(LINK)
    await until(() => receiver.received.length >= 2)
    await first.context.webhookSender?.stop()
    first.closeAllConnections()
    await new Promise((done) => first.close(done))
    const tried = receiver.received.length
    expect((await database.store.deliveries('demo', 'pending')).length).toBe(4)

    // The next process knows only the database: a store of its own on the same data.
    receiver.answerFrom(200)
    const store: Store = database.env.DATABASE_URL
      ? await PostgresStore.open(database.env.DATABASE_URL, { max: 2 })
      : new SqliteStore(join(database.env.DATA_DIR, 'doorway.sqlite'))
    cleanups.push(() => store.close())
    const second = createDemoServer({ store, bots, adminToken: ADMIN, root, webhookSettings: FAST })
    cleanups.push(() => (second.context.webhookSender as { stop(): Promise<void> }).stop())
    await until(() => receiver.accepted().length >= 4)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(receiver.received.slice(0, tried).every((r) => r.answer === 503)).toBe(true)
    expect(receiver.accepted()).toHaveLength(4)
    expect(receiver.accepted().map((r) => bodyOf(r).type)).toEqual(['link.applied', 'value.stored', 'value.stored', 'value.stored'])
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(4)
  })

  it('lists a delivery that gave up as failed, and sends it again on request', async () => {
    const receiver = await startReceiver([], 500)
    cleanups.push(() => receiver.close())
    const server = await serve(engine, receiver.url, { ...FAST, maxAgeMs: 1 })
    await visitor(server.base).updates([{ id: 'u1', type: 'field', key: 'shoe_size', value: '42' }])
    const call = async (method: string, path: string, token = ADMIN) => {
      const response = await fetch(`${server.base}/v1/admin/bots/demo/webhooks/deliveries${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}` },
      })
      return { status: response.status, body: await response.json() }
    }
    await until(async () => (await call('GET', '?status=failed')).body.deliveries.length === 1)
    const failed = (await call('GET', '?status=failed')).body.deliveries[0]
    expect(failed).toMatchObject({ type: 'value.stored', status: 'failed', attempts: 1, lastError: 'answered 500', nextAttemptAt: null })
    expect(failed.body.data).toEqual({ source: 'update', kind: 'field', id: '514', name: 'shoe_size', value: '42' })
    expect(receiver.received).toHaveLength(1)

    receiver.answerFrom(200)
    const retried = await call('POST', `/${failed.id}/retry`)
    expect(retried.status).toBe(200)
    expect(retried.body.delivery).toMatchObject({ id: failed.id, status: 'pending', attempts: 0 })
    await until(async () => (await call('GET', '?status=delivered')).body.deliveries.length === 1)
    expect(receiver.accepted().map((r) => r.id)).toEqual([failed.id])
    expect(receiver.accepted()[0].verified).toBe(true)
    expect((await call('GET', '?status=failed')).body.deliveries).toEqual([])

    expect((await call('POST', `/${failed.id}/retry`)).body.error).toMatchObject({ code: 'not_failed' })
    expect((await call('POST', '/evt_nothing/retry')).status).toBe(404)
    expect((await call('GET', '?status=lost')).status).toBe(400)
    expect((await call('GET', '', 'wrong-token')).status).toBe(401)
    expect((await call('POST', `/${failed.id}/retry`, 'wrong-token')).status).toBe(401)
  })
})
