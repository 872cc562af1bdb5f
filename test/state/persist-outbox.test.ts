// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as outbox from '../../widget/state/outbox.ts'
import { safeStorage } from '../../widget/transport/platform.ts'
import type { Result, Transport } from '../../widget/transport/transport.ts'
import { fakePlatform, settle } from '../fake-platform.ts'

const KEY = 'doorway:demo:outbox'
type OutboxModule = typeof outbox

const cleanups: (() => void)[] = []
beforeEach(() => outbox.restoreOutbox(null))
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.()
  localStorage.clear()
})

/** Another copy of the outbox module: the outbox of a second tab. */
async function otherTab(): Promise<OutboxModule> {
  vi.resetModules()
  return (await import('../../widget/state/outbox.ts')) as OutboxModule
}

function persist(module: OutboxModule, platform: Parameters<OutboxModule['persistOutbox']>[0] = fakePlatform().platform) {
  const stop = module.persistOutbox(platform, KEY)
  cleanups.push(stop)
  return stop
}

const stored = (store: Map<string, string>) =>
  [...store.keys()]
    .filter((key) => key.startsWith(KEY))
    .map((key) => key.slice(KEY.length))
    .sort()
const message = (id: string) => ({ kind: 'message' as const, id, body: { id, text: id } })

describe('persisting the outbox', () => {
  it('writes each item under its own key when queued and removes it when it leaves', () => {
    const fake = fakePlatform()
    persist(outbox, fake.platform)
    outbox.enqueue(message('m1'))
    outbox.enqueue(message('m2'))
    expect(stored(fake.store)).toEqual([':m1', ':m2'])
    expect(JSON.parse(fake.store.get(`${KEY}:m1`) as string)).toEqual({
      at: 1_000_000,
      item: { ...message('m1'), attempts: 0, due: 0 },
    })
    outbox.$outbox.set(outbox.$outbox.get().map((item) => ({ ...item, attempts: 2 })))
    expect(JSON.parse(fake.store.get(`${KEY}:m2`) as string).item.attempts).toBe(2)
    outbox.$outbox.set(outbox.$outbox.get().slice(1))
    expect(stored(fake.store)).toEqual([':m2'])
  })

  it('removes an item once the backend acknowledged it, and one it refused', async () => {
    const fake = fakePlatform()
    persist(outbox, fake.platform)
    const answers: Result<unknown>[] = [
      { ok: true, value: { messages: [] } },
      { ok: false, error: { status: 400, code: 'invalid_message', message: 'no', retryable: false } },
    ]
    const transport = { message: async () => answers.shift() } as unknown as Transport
    outbox.enqueue(message('m1'))
    outbox.enqueue(message('m2'))
    const runner = outbox.startOutbox(transport, fake.platform, { done() {}, refused() {}, reachable() {} })
    await settle()
    runner.stop()
    expect(outbox.$outbox.get()).toEqual([])
    expect(stored(fake.store)).toEqual([])
  })

  it('restores the items of every tab in the order they were queued', async () => {
    const fake = fakePlatform()
    const second = await otherTab()
    // Two tabs open at once on one localStorage; neither knows what the other queues.
    const stopFirst = persist(outbox, fake.platform)
    const stopSecond = persist(second, fake.platform)
    outbox.enqueue(message('a1'))
    await fake.advance(5)
    second.enqueue(message('b1'))
    await fake.advance(5)
    outbox.enqueue(message('a2'))
    second.enqueue(message('b2'))
    stopFirst()
    stopSecond()

    const next = await otherTab()
    persist(next, fake.platform)
    expect(next.$outbox.get().map((item) => item.id)).toEqual(['a1', 'b1', 'a2', 'b2'])
  })

  it('keeps the order of one tab when it queues several items in one millisecond', async () => {
    const fake = fakePlatform()
    persist(outbox, fake.platform)
    for (const id of ['m3', 'm1', 'm2']) outbox.enqueue(message(id))
    const stamps = ['m3', 'm1', 'm2'].map((id) => JSON.parse(fake.store.get(`${KEY}:${id}`) as string).at)
    expect(stamps).toEqual([1_000_000, 1_000_001, 1_000_002])
    const next = await otherTab()
    persist(next, fake.platform)
    expect(next.$outbox.get().map((item) => item.id)).toEqual(['m3', 'm1', 'm2'])
  })

  it('keeps an item queued in front ahead of the others on the next start', async () => {
    const fake = fakePlatform()
    persist(outbox, fake.platform)
    outbox.enqueue(message('m1'))
    outbox.enqueue({ kind: 'session', id: 's1', body: {} }, { front: true })
    const next = await otherTab()
    persist(next, fake.platform)
    expect(next.$outbox.get().map((item) => item.id)).toEqual(['s1', 'm1'])
  })

  it('does not write back an item another tab had acknowledged meanwhile', async () => {
    const fake = fakePlatform()
    persist(outbox, fake.platform)
    outbox.enqueue(message('m1'))
    const second = await otherTab()
    persist(second, fake.platform)
    expect(second.$outbox.get().map((item) => item.id)).toEqual(['m1'])
    // The first tab has it acknowledged; the second retries its copy.
    outbox.$outbox.set([])
    second.$outbox.set(second.$outbox.get().map((item) => ({ ...item, attempts: 1 })))
    expect(stored(fake.store)).toEqual([])
    // It stays in the second tab, which sends it (the backend applies each id once) and forgets it.
    expect(second.$outbox.get()).toHaveLength(1)
  })

  it('moves the single key of earlier versions to one key per item, losing nothing', () => {
    const fake = fakePlatform()
    const legacy = [{ kind: 'session', id: 's1', body: {}, attempts: 3, due: 99 }, message('m1'), { kind: 'evil', id: 'x' }]
    fake.store.set(KEY, JSON.stringify(legacy))
    fake.store.set(`${KEY}:m0`, JSON.stringify({ at: 2_000_000, item: { ...message('m0'), attempts: 0, due: 0 } }))
    persist(outbox, fake.platform)
    expect(fake.store.has(KEY)).toBe(false)
    expect(stored(fake.store)).toEqual([':m0', ':m1', ':s1'])
    expect(outbox.$outbox.get()).toEqual([
      { kind: 'session', id: 's1', body: {}, attempts: 3, due: 0 },
      { ...message('m1'), due: 0 },
      { ...message('m0'), attempts: 0, due: 0 },
    ])
  })

  it("skips what it cannot read, and another bot's items", () => {
    const fake = fakePlatform()
    fake.store.set(`${KEY}:bad`, '{not json')
    fake.store.set(`${KEY}:wrong-id`, JSON.stringify({ at: 1, item: message('other') }))
    fake.store.set(`${KEY}:no-stamp`, JSON.stringify({ item: message('no-stamp') }))
    fake.store.set('doorway:demo2:outbox:m1', JSON.stringify({ at: 1, item: message('m1') }))
    persist(outbox, fake.platform)
    expect(outbox.$outbox.get()).toEqual([])
    expect(fake.store.size).toBe(4)
  })

  it('works on localStorage through safeStorage, and in memory when storage is blocked', () => {
    const now = () => 5
    persist(outbox, { storage: safeStorage(() => localStorage), now })
    outbox.enqueue(message('m1'))
    expect(Object.keys(localStorage)).toEqual([`${KEY}:m1`])
    expect(safeStorage(() => localStorage).keys()).toEqual([`${KEY}:m1`])
    cleanups.pop()?.()

    const blocked = safeStorage(() => {
      throw new DOMException('denied', 'SecurityError')
    })
    persist(outbox, { storage: blocked, now })
    expect(outbox.$outbox.get()).toEqual([])
    outbox.enqueue(message('m2'))
    expect(blocked.keys()).toEqual([`${KEY}:m2`])
  })
})
