import { describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../widget/transport/protocol.ts'
import { subscribeEvents } from '../../widget/transport/sse.ts'
import { fakePlatform, settle } from '../fake-platform.ts'

const message = (seq: number): ChatMessage => ({ seq, from: 'bot', kind: 'text', text: `m${seq}`, at: '' })

class FakeEventSource {
  static opened: FakeEventSource[] = []
  readyState = 0
  closed = false
  listeners = new Map<string, ((event: unknown) => void)[]>()
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this)
  }
  addEventListener(type: string, fn: (event: unknown) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn])
  }
  emit(type: string, event: unknown = {}) {
    for (const fn of this.listeners.get(type) ?? []) fn(event)
  }
  close() {
    this.closed = true
    this.readyState = 2
  }
}

describe('the event stream', () => {
  it('delivers each message once, in order, and reopens from the last one after the server gives up', async () => {
    FakeEventSource.opened = []
    const fake = fakePlatform()
    fake.platform.EventSource = FakeEventSource as unknown as typeof EventSource
    const got: number[] = []
    const states: boolean[] = []
    const stop = subscribeEvents({
      url: 'https://b.example/v1/bots/demo/events',
      token: 'tok',
      after: 2,
      platform: fake.platform,
      onMessage: (m) => got.push(m.seq),
      onState: (online) => states.push(online),
      history: async () => ({ ok: true, value: { messages: [] } }),
    })
    const first = FakeEventSource.opened[0]
    expect(first.url).toBe('https://b.example/v1/bots/demo/events?token=tok&lastEventId=2')
    first.emit('open')
    for (const seq of [2, 3, 3, 4]) first.emit('message', { data: JSON.stringify(message(seq)) })
    first.emit('message', { data: 'not json' })
    expect(got).toEqual([3, 4])
    first.readyState = 2
    first.emit('error')
    expect(states).toEqual([true, false])
    await fake.advance(2000)
    expect(FakeEventSource.opened[1].url).toContain('lastEventId=4')
    stop()
    expect(FakeEventSource.opened[1].closed).toBe(true)
    expect(fake.timers.size).toBe(0)
  })

  it('polls the history where there is no EventSource', async () => {
    const fake = fakePlatform()
    const asked: number[] = []
    const got: number[] = []
    const stop = subscribeEvents({
      url: 'x',
      token: 't',
      after: 0,
      platform: fake.platform,
      onMessage: (m) => got.push(m.seq),
      history: async (after) => {
        asked.push(after)
        return { ok: true, value: { messages: after === 0 ? [message(1), message(2)] : [] } }
      },
    })
    await settle()
    await fake.advance(3000)
    expect(got).toEqual([1, 2])
    expect(asked).toEqual([0, 2])
    stop()
    expect(fake.timers.size).toBe(0)
  })

  it("shows the bot's typing until its next message, its word, or the time it gave (30 s at most), and never after the stop", async () => {
    FakeEventSource.opened = []
    const fake = fakePlatform()
    fake.platform.EventSource = FakeEventSource as unknown as typeof EventSource
    const typing: boolean[] = []
    const stop = subscribeEvents({
      url: 'https://b.example/v1/bots/demo/events',
      token: 'tok',
      after: 0,
      platform: fake.platform,
      onMessage: () => {},
      onTyping: (on) => typing.push(on),
      history: async () => ({ ok: true, value: { messages: [] } }),
    })
    const source = FakeEventSource.opened[0]
    source.emit('typing', { data: '{"seconds":3}' })
    await fake.advance(2999)
    expect(typing).toEqual([true])
    await fake.advance(1)
    expect(typing).toEqual([true, false])
    source.emit('typing', { data: '{"seconds":5}' })
    source.emit('message', { data: JSON.stringify(message(1)) })
    expect(typing).toEqual([true, false, true, false])
    expect(fake.timers.size).toBe(0)
    source.emit('typing', { data: '{"seconds":3600}' })
    await fake.advance(30_000)
    expect(typing.at(-1)).toBe(false)
    source.emit('typing', { data: 'not json' })
    source.emit('typing', { data: '{"seconds":-4}' })
    source.emit('typing', { data: '{"seconds":9}' })
    source.emit('typing', { data: '{"seconds":0}' })
    expect(typing.slice(-2)).toEqual([true, false])
    source.emit('typing', { data: '{"seconds":9}' })
    stop()
    expect(typing.at(-1)).toBe(false)
    expect(fake.timers.size).toBe(0)
  })
})
