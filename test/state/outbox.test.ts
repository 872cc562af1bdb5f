import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  $outbox,
  $waitingForBot,
  enqueue,
  type OutboxItem,
  type OutboxRunner,
  restoreOutbox,
  startOutbox as start,
} from '../../widget/state/outbox.ts'
import type { Result, Transport, TransportError } from '../../widget/transport/transport.ts'
import { fakePlatform, settle } from '../fake-platform.ts'

type Answer = Result<unknown> | 'hang'
const network: TransportError = { status: 0, code: 'network', message: 'down', retryable: true }

function scriptedTransport(answers: Answer[]) {
  const sent: string[] = []
  const answer = async (what: string): Promise<Result<never>> => {
    sent.push(what)
    const next = answers.shift() ?? { ok: true, value: { messages: [] } }
    if (next === 'hang') return new Promise(() => undefined)
    return next as Result<never>
  }
  const transport = {
    session: (body: { intentId?: string }) => answer(`session:${body.intentId ?? ''}`),
    open: () => answer('open'),
    message: (body: { id: string }) => answer(`message:${body.id}`),
    updates: () => answer('updates'),
  } as unknown as Transport
  return { transport, sent }
}

const runners: OutboxRunner[] = []
const startOutbox = (...args: Parameters<typeof start>) => {
  const runner = start(...args)
  runners.push(runner)
  return runner
}
beforeEach(() => restoreOutbox(null))
afterEach(() => {
  for (const runner of runners.splice(0)) runner.stop()
})

describe('the outbox', () => {
  it('sends in order, one at a time, and reports each acknowledgement', async () => {
    const fake = fakePlatform()
    const { transport, sent } = scriptedTransport([])
    const done: string[] = []
    enqueue({ kind: 'session', id: 's1', body: { intentId: 's1' } })
    enqueue({ kind: 'open', id: 'o1' })
    enqueue({ kind: 'message', id: 'm1', body: { id: 'm1', text: 'hi' } })
    enqueue({ kind: 'message', id: 'm1', body: { id: 'm1', text: 'hi' } })
    expect($outbox.get()).toHaveLength(3)
    expect($waitingForBot.get()).toBe(true)
    const runner = startOutbox(transport, fake.platform, {
      done: (item) => done.push(item.id),
      refused: () => undefined,
      reachable: () => undefined,
    })
    await settle()
    await settle()
    expect(sent).toEqual(['session:s1', 'open', 'message:m1'])
    expect(done).toEqual(['s1', 'o1', 'm1'])
    expect($outbox.get()).toEqual([])
    runner.stop()
  })

  it('retries with growing delays until acknowledged, keeping later items waiting', async () => {
    const fake = fakePlatform()
    const { transport, sent } = scriptedTransport([
      { ok: false, error: network },
      { ok: false, error: network },
      { ok: false, error: { ...network, status: 429, retryAfter: 5 } },
    ])
    const online: boolean[] = []
    enqueue({ kind: 'session', id: 's1', body: { intentId: 's1' } })
    enqueue({ kind: 'message', id: 'm1', body: { id: 'm1', text: 'hi' } })
    const delays: number[] = []
    const schedule = fake.platform.setTimeout
    fake.platform.setTimeout = (fn, ms) => {
      delays.push(ms)
      return schedule(fn, ms)
    }
    const runner = startOutbox(transport, fake.platform, {
      done: () => undefined,
      refused: () => undefined,
      reachable: (ok) => online.push(ok),
    })
    await settle()
    expect(sent).toEqual(['session:s1'])
    expect($outbox.get()[0]).toMatchObject({ id: 's1', attempts: 1 })
    await fake.advance(60_000)
    // Full jitter around 1 s, then 2 s; the third failure carries Retry-After: 5 s, which wins.
    expect(delays).toHaveLength(3)
    expect(delays[0]).toBeGreaterThanOrEqual(500)
    expect(delays[0]).toBeLessThanOrEqual(1000)
    expect(delays[1]).toBeGreaterThanOrEqual(1000)
    expect(delays[1]).toBeLessThanOrEqual(2000)
    expect(delays[2]).toBe(5000)
    expect(sent).toEqual(['session:s1', 'session:s1', 'session:s1', 'session:s1', 'message:m1'])
    expect(online).toEqual([false, false, true, true, true])
    expect($outbox.get()).toEqual([])
    runner.stop()
  })

  it('drops an item the backend refuses for good, and says so', async () => {
    const fake = fakePlatform()
    const refusal: TransportError = { status: 400, code: 'invalid_message', message: 'no', retryable: false }
    const { transport } = scriptedTransport([{ ok: false, error: refusal }])
    const refused: [string, string][] = []
    enqueue({ kind: 'message', id: 'm1', body: { id: 'm1', text: 'x' } })
    enqueue({ kind: 'message', id: 'm2', body: { id: 'm2', text: 'y' } })
    const runner = startOutbox(transport, fake.platform, {
      done: () => undefined,
      refused: (item, error) => refused.push([item.id, error.code]),
      reachable: () => undefined,
    })
    await settle()
    await settle()
    expect(refused).toEqual([['m1', 'invalid_message']])
    expect($outbox.get()).toEqual([])
    runner.stop()
  })

  it('restores what a previous page left, ignoring what it cannot read', () => {
    const item: OutboxItem = { kind: 'message', id: 'm1', body: { id: 'm1', text: 'kept' }, attempts: 3, due: 99 }
    restoreOutbox(JSON.stringify([item, { kind: 'evil', id: 'x' }, null, 'str']))
    expect($outbox.get()).toEqual([{ ...item, due: 0 }])
    restoreOutbox('{not json')
    expect($outbox.get()).toEqual([])
  })

  it('leaves no timer behind when stopped', async () => {
    const fake = fakePlatform()
    const { transport } = scriptedTransport([{ ok: false, error: network }])
    enqueue({ kind: 'open', id: 'o1' })
    const runner = startOutbox(transport, fake.platform, { done: () => undefined, refused: () => undefined, reachable: () => undefined })
    await settle()
    expect(fake.timers.size).toBe(1)
    runner.stop()
    expect(fake.timers.size).toBe(0)
  })
})
