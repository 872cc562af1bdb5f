import { afterEach, describe, expect, it } from 'vitest'
import { followConversation } from '../../widget/state/follow.ts'
import { $messages, receiveMessages, resetMessages } from '../../widget/state/messages.ts'
import { resetSession, sessionReady } from '../../widget/state/session.ts'
import type { ChatMessage } from '../../widget/transport/protocol.ts'
import type { Result, Transport } from '../../widget/transport/transport.ts'
import { settle } from '../fake-platform.ts'

const message = (seq: number): ChatMessage => ({ seq, from: 'bot', kind: 'text', text: `m${seq}`, at: '' })
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => message(from + i))

afterEach(() => {
  resetMessages()
  resetSession(null)
})

describe('receiveMessages', () => {
  it('keeps each message once, in sequence order, and returns the new ones', () => {
    expect(receiveMessages([message(2), message(1)]).map((m) => m.seq)).toEqual([2, 1])
    expect(receiveMessages([message(3), message(2), message(3)]).map((m) => m.seq)).toEqual([3])
    expect(receiveMessages([{ ...message(4), seq: 4.5 }, null as unknown as ChatMessage])).toEqual([])
    expect($messages.get().map((m) => m.seq)).toEqual([1, 2, 3])
  })
})

/** A backend of `total` messages that answers the history `page` at a time, and records what is asked. */
function backend(total: number, page: number, answer?: (after: number) => Result<{ messages: ChatMessage[]; lastSeq: number }>) {
  const asked: string[] = []
  const live: ((message: ChatMessage) => void)[] = []
  const transport: Pick<Transport, 'history' | 'subscribe'> = {
    async history(after) {
      asked.push(`history ${after}`)
      return answer?.(after) ?? { ok: true, value: { messages: range(after + 1, Math.min(total, after + page)), lastSeq: total } }
    },
    subscribe(after, onMessage) {
      asked.push(`subscribe ${after}`)
      live.push(onMessage)
      return () => asked.push('unsubscribe')
    },
  }
  return { transport, asked, live }
}

describe('following the conversation', () => {
  it('reads the history page by page, one store update per page, then follows the stream from its end', async () => {
    const { transport, asked, live } = backend(1200, 500)
    const updates: number[] = []
    const stop = $messages.listen((messages) => updates.push(messages.length))
    sessionReady('c1')
    const follower = followConversation(transport)
    follower.follow()
    follower.follow()
    await settle()
    expect(asked).toEqual(['history 0', 'history 500', 'history 1000', 'subscribe 1200'])
    expect(updates).toEqual([500, 1000, 1200])
    live[0](message(1201))
    expect($messages.get().at(-1)?.seq).toBe(1201)
    follower.stop()
    expect(asked.at(-1)).toBe('unsubscribe')
    stop()
  })

  it('asks once when the first page holds everything, and does not follow before the session is ready', async () => {
    const { transport, asked } = backend(3, 500)
    const follower = followConversation(transport)
    follower.follow()
    await settle()
    expect(asked).toEqual([])
    sessionReady('c1')
    follower.follow()
    await settle()
    expect(asked).toEqual(['history 0', 'subscribe 3'])
  })

  it('leaves the history to the stream when it cannot be read, and stops for good while a page is on its way', async () => {
    const failing = backend(10, 5, () => ({ ok: false, error: { status: 0, code: 'network', message: 'down', retryable: true } }))
    sessionReady('c1')
    const follower = followConversation(failing.transport)
    follower.follow()
    await settle()
    expect(failing.asked).toEqual(['history 0', 'subscribe 0'])

    const stopped = backend(10, 5)
    const early = followConversation(stopped.transport)
    early.follow()
    early.stop()
    await settle()
    early.follow()
    expect(stopped.asked).toEqual(['history 0'])
    expect($messages.get()).toEqual([])
  })
})
