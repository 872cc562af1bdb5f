import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SharedRateLimit } from '../../../demo/http/shared-rate-limit.ts'
import { ENGINES, type TestDatabase } from '../engines.ts'

// Buckets in the database, as processes sharing a PostgreSQL use them; the SQL is the
// common dialect, so it is tried on every engine.
describe.each(ENGINES)('rate limits kept in the database, on $name', (engine) => {
  let database: TestDatabase
  let now = 1_700_000_000_000
  const clock = () => now
  beforeEach(async () => {
    database = await engine.create()
  })
  afterEach(() => database.dispose())

  it('allows a burst, then one request per refill, and says how long to wait', async () => {
    const limit = new SharedRateLimit(database.store, 'visitor', 3, 0.5, clock)
    const waits = []
    for (let i = 0; i < 5; i++) waits.push(await limit.take('v1'))
    expect(waits).toEqual([0, 0, 0, 2, 2])
    now += 2000
    expect(await limit.take('v1')).toBe(0)
    expect(await limit.take('v1')).toBeGreaterThan(0)
    expect(await limit.take('v2')).toBe(0)
  })

  it('shares one bucket between two limiters of the same name, as two processes would', async () => {
    const one = new SharedRateLimit(database.store, 'visitor', 3, 0.1, clock)
    const two = new SharedRateLimit(database.store, 'visitor', 3, 0.1, clock)
    const other = new SharedRateLimit(database.store, 'address', 3, 0.1, clock)
    expect([await one.take('k'), await two.take('k'), await one.take('k'), await two.take('k')]).toEqual([0, 0, 0, 10])
    expect(await other.take('k')).toBe(0)
  })

  it('takes no tokens back from a taker whose clock reading is older than the bucket', async () => {
    // Under load a take can reach the database after later ones; with 100 tokens a
    // millisecond, one second back would have cost 100,000 tokens.
    const limit = new SharedRateLimit(database.store, 'address', 10, 100_000, clock)
    expect(await limit.take('late')).toBe(0)
    now -= 1000
    expect(await limit.take('late')).toBe(0)
    now += 1000
    expect(await limit.take('late')).toBe(0)
    const slow = new SharedRateLimit(database.store, 'visitor', 2, 0.001, clock)
    expect([await slow.take('s'), await slow.take('s')]).toEqual([0, 0])
    now -= 5000
    expect(await slow.take('s')).toBeGreaterThan(0)
  })

  it('says how long a bucket waits without taking from it', async () => {
    const limit = new SharedRateLimit(database.store, 'address', 2, 0.5, clock)
    expect(await limit.wait('w')).toBe(0)
    expect([await limit.take('w'), await limit.wait('w'), await limit.take('w')]).toEqual([0, 0, 0])
    expect([await limit.wait('w'), await limit.wait('w')]).toEqual([2, 2])
    now += 2000
    expect(await limit.wait('w')).toBe(0)
    expect(await limit.take('w')).toBe(0)
  })

  it('sweeps only its own buckets, each limiter by its own refill time', async () => {
    await new SharedRateLimit(database.store, 'visitor', 2, 1, clock).take('k')
    await new SharedRateLimit(database.store, 'bot-api', 2, 1, clock).take('k')
    now += 10_000
    await database.store.forgetBuckets('visitor', now)
    expect(await database.store.bucket('visitor:k')).toBeUndefined()
    expect(await database.store.bucket('bot-api:k')).toMatchObject({ tokens: 1 })
  })

  it('never gives the last token to two takers at once', async () => {
    const limits = [1, 2, 3, 4].map(() => new SharedRateLimit(database.store, 'visitor', 5, 0.001, clock))
    const waits = await Promise.all(Array.from({ length: 20 }, (_, i) => limits[i % 4].take('crowd')))
    expect(waits.filter((wait) => wait === 0)).toHaveLength(5)
  })
})
