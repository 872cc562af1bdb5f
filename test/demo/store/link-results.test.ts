import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { loadBots } from '../../../demo/bot/load.ts'
import type { BotDef } from '../../../demo/bot/types.ts'
import { daysOf, linkResults } from '../../../demo/store/link-results.ts'
import { PostgresStore } from '../../../demo/store/postgres.ts'
import type { Store } from '../../../demo/store/store.ts'
import { ENGINES, type TestDatabase } from '../engines.ts'
import { root } from '../server-harness.ts'

// Per-link results on each engine (docs/results.md): opens, visitors whose fields a link set,
// conversations started and goals reached, by UTC day, attributed to the first and last link.
const bot = loadBots(join(root, 'demo', 'bots')).get('demo') as BotDef

describe.each(ENGINES)('per-link results on $name', (engine) => {
  let database: TestDatabase
  let store: Store
  beforeEach(async () => {
    database = await engine.create()
    store = database.store
  })
  afterEach(async () => {
    vi.useRealTimers()
    await database.dispose()
  })

  /** Runs `work` as if the clock read `at`: the store stamps its rows with the time of the write. */
  const at = async <T>(time: string, work: () => Promise<T>): Promise<T> => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(time) })
    try {
      return await work()
    } finally {
      vi.useRealTimers()
    }
  }
  const contact = (token: string) => store.transaction((tx) => tx.createContact('demo', token))
  const open = (link: string, contactId: string, fieldsSet = 0, known = true) =>
    store.transaction((tx) => tx.recordLinkOpen('demo', link, known, contactId, fieldsSet))
  const goal = (contactId: string, block: string) => store.transaction((tx) => tx.recordGoal('demo', contactId, block))
  const range = { from: '2026-11-30', to: '2026-12-02' }
  const of = async (link: string, goalOnly: string | null = null) =>
    (await linkResults(store, bot, range, goalOnly)).links.find((l) => l.link === link)

  it('attributes a goal to the first link the contact came through and to the last one before it', async () => {
    const ann = (await contact('token-of-ann-000000000')).id
    const bob = (await contact('token-of-bob-000000000')).id
    await at('2026-11-30T23:59:59.999Z', async () => {
      await open('giveaway', ann, 1)
      await store.transaction((tx) => tx.recordConversationStart('demo', 'giveaway', ann))
    })
    const reached = await at('2026-12-01T00:00:00.000Z', async () => {
      await open('tutorial', ann)
      await open('FLOW9', bob, 2)
      return goal(ann, 'giveaway_done')
    })
    expect(reached).toEqual({ firstLink: 'giveaway', lastLink: 'tutorial', at: '2026-12-01T00:00:00.000Z' })
    await at('2026-12-02T10:00:00.000Z', () => goal(bob, 'size_ok'))

    const giveaway = await of('giveaway')
    expect(giveaway?.known).toBe(true)
    expect(giveaway?.days.map((d) => d.day)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02'])
    expect(giveaway?.days[0]).toEqual({
      day: '2026-11-30',
      opens: 1,
      visitorsWithFields: 1,
      conversationsStarted: 1,
      conversionsFirstLink: 0,
      conversionsLastLink: 0,
    })
    expect(giveaway?.days[1]).toMatchObject({ opens: 0, conversionsFirstLink: 1, conversionsLastLink: 0 })
    expect(giveaway?.totals).toEqual({
      opens: 1,
      visitorsWithFields: 1,
      conversationsStarted: 1,
      conversionsFirstLink: 1,
      conversionsLastLink: 0,
    })
    const tutorial = await of('tutorial')
    expect(tutorial?.days[1]).toMatchObject({ opens: 1, visitorsWithFields: 0, conversionsFirstLink: 0, conversionsLastLink: 1 })
    const flow = await of('FLOW9')
    expect(flow?.days[1]).toMatchObject({ opens: 1, visitorsWithFields: 1 })
    expect(flow?.days[2]).toMatchObject({ opens: 0, conversionsFirstLink: 1, conversionsLastLink: 1 })
    // A link nobody opened is listed with zeros on every day.
    expect((await of('order'))?.totals).toEqual({
      opens: 0,
      visitorsWithFields: 0,
      conversationsStarted: 0,
      conversionsFirstLink: 0,
      conversionsLastLink: 0,
    })
    // One goal only.
    expect((await of('FLOW9', 'giveaway_done'))?.totals.conversionsFirstLink).toBe(0)
    expect((await of('giveaway', 'giveaway_done'))?.totals.conversionsFirstLink).toBe(1)
  })

  it('records a goal once per contact: reaching it again counts nothing', async () => {
    const ann = (await contact('token-of-ann-000000000')).id
    await open('giveaway', ann)
    expect(await goal(ann, 'giveaway_done')).not.toBeNull()
    await open('tutorial', ann)
    expect(await goal(ann, 'giveaway_done')).toBeNull()
    expect(await goal(ann, 'size_ok')).toMatchObject({ firstLink: 'giveaway', lastLink: 'tutorial' })
    expect((await store.goalsOf(ann)).map((g) => [g.goal, g.lastLink])).toEqual([
      ['giveaway_done', 'giveaway'],
      ['size_ok', 'tutorial'],
    ])
  })

  it('records a goal of a contact that came through no link, counted for no link', async () => {
    const ann = (await contact('token-of-ann-000000000')).id
    expect(await goal(ann, 'size_ok')).toMatchObject({ firstLink: null, lastLink: null })
    const today = new Date().toISOString().slice(0, 10)
    const all = (await linkResults(store, bot, { from: today, to: today }, null)).links
    expect(all.map((l) => l.totals.conversionsFirstLink + l.totals.conversionsLastLink)).toEqual(all.map(() => 0))
  })

  it('counts a visitor whose fields a link set once over the range, though it came on two days', async () => {
    const ann = (await contact('token-of-ann-000000000')).id
    await at('2026-11-30T12:00:00Z', () => open('giveaway', ann, 1))
    await at('2026-12-01T12:00:00Z', () => open('giveaway', ann, 1))
    const giveaway = await of('giveaway')
    expect(giveaway?.days.map((d) => d.visitorsWithFields)).toEqual([1, 1, 0])
    expect(giveaway?.totals).toMatchObject({ opens: 2, visitorsWithFields: 1 })
  })

  it('keeps to the range: the last millisecond of `to` is in, midnight after it and before `from` are out', async () => {
    const ann = (await contact('token-of-ann-000000000')).id
    await at('2026-11-29T23:59:59.999Z', () => open('giveaway', ann))
    await at('2026-11-30T00:00:00.000Z', () => open('giveaway', ann))
    await at('2026-12-02T23:59:59.999Z', () => open('giveaway', ann))
    await at('2026-12-03T00:00:00.000Z', () => open('giveaway', ann))
    expect((await of('giveaway'))?.days.map((d) => d.opens)).toEqual([1, 0, 1])
  })

  it('lists an unknown link once it was opened in the range, after the known ones, by name', async () => {
    const ann = (await contact('token-of-ann-000000000')).id
    await at('2026-12-01T08:00:00Z', async () => {
      await open('zz-typo', ann, 0, false)
      await open('=cmd|calc', ann, 0, false)
    })
    const { links } = await linkResults(store, bot, range, null)
    expect(links.map((l) => [l.link, l.known])).toEqual([...bot.links.map((l) => [l.name, true]), ['=cmd|calc', false], ['zz-typo', false]])
    await at('2026-12-05T08:00:00Z', () => open('later-typo', ann, 0, false))
    expect((await linkResults(store, bot, range, null)).links.some((l) => l.link === 'later-typo')).toBe(false)
  })

  it('lists the unknown links opened most, and says how many more there were', async () => {
    const ann = (await contact('token-of-ann-000000000')).id
    await at('2026-12-01T08:00:00Z', async () => {
      for (const [link, times] of [
        ['made-up-a', 1],
        ['made-up-b', 3],
        ['made-up-c', 2],
        ['made-up-d', 2],
      ] as const)
        for (let i = 0; i < times; i++) await open(link, ann, 0, false)
    })
    const answer = await linkResults(store, bot, range, null, 2)
    expect(answer.links.filter((l) => !l.known).map((l) => l.link)).toEqual(['made-up-b', 'made-up-c'])
    expect(answer.unknownLinksLeftOut).toBe(2)
    expect((await linkResults(store, bot, range, null)).unknownLinksLeftOut).toBe(0)
  })

  it('records one goal when several requests of one contact reach it at once', async () => {
    const ann = (await contact('token-of-ann-000000000')).id
    await open('giveaway', ann)
    // Different serialisation keys: two visitors a signed link joined to one contact.
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        store.transaction((tx) => tx.recordGoal('demo', ann, 'size_ok'), { serialiseOn: `visitor-${i}` }),
      ),
    )
    expect(outcomes.filter((o) => o !== null)).toHaveLength(1)
    expect(await store.goalsOf(ann)).toHaveLength(1)
  })
})

describe.each(ENGINES.filter((e) => e.name === 'postgres'))('per-link results across processes on $name', (engine) => {
  it('counts what two processes on one database recorded at once, each row once', async () => {
    const database = await engine.create()
    const other = await PostgresStore.open(database.env.DATABASE_URL, { max: 4 })
    try {
      const stores = [database.store, other]
      const contacts = await Promise.all(
        Array.from({ length: 6 }, (_, i) => stores[i % 2].transaction((tx) => tx.createContact('demo', `token-${i}-0000000000000`))),
      )
      await Promise.all(
        contacts.flatMap((c, i) => [
          stores[i % 2].transaction((tx) => tx.recordLinkOpen('demo', 'giveaway', true, c.id, 1), { serialiseOn: c.id }),
          stores[(i + 1) % 2].transaction((tx) => tx.recordLinkOpen('demo', 'tutorial', true, c.id, 0), { serialiseOn: c.id }),
        ]),
      )
      const reached = await Promise.all(
        contacts.flatMap((c) => stores.map((s) => s.transaction((tx) => tx.recordGoal('demo', c.id, 'giveaway_done')))),
      )
      expect(reached.filter((r) => r !== null)).toHaveLength(6)
      const today = new Date().toISOString().slice(0, 10)
      const { links } = await linkResults(other, bot, { from: today, to: today }, null)
      const total = (name: string) => links.find((l) => l.link === name)?.totals
      expect(total('giveaway')).toMatchObject({ opens: 6, visitorsWithFields: 6 })
      expect(total('tutorial')).toMatchObject({ opens: 6, visitorsWithFields: 0 })
      const first = (total('giveaway')?.conversionsFirstLink ?? 0) + (total('tutorial')?.conversionsFirstLink ?? 0)
      const last = (total('giveaway')?.conversionsLastLink ?? 0) + (total('tutorial')?.conversionsLastLink ?? 0)
      expect([first, last]).toEqual([6, 6])
    } finally {
      await other.close()
      await database.dispose()
    }
  })
})

describe('days of a range', () => {
  it('lists every UTC day, a leap day and the end of a year included', () => {
    expect(daysOf({ from: '2028-02-28', to: '2028-03-01' })).toEqual(['2028-02-28', '2028-02-29', '2028-03-01'])
    expect(daysOf({ from: '2026-12-31', to: '2027-01-01' })).toEqual(['2026-12-31', '2027-01-01'])
    expect(daysOf({ from: '2026-12-01', to: '2026-12-01' })).toEqual(['2026-12-01'])
  })
})
