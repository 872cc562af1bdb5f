import { beforeEach, describe, expect, it } from 'vitest'
import { $messages, receiveMessages, resetMessages } from '../../widget/state/messages.ts'
import { $panel, $unread, closePanel, markSeen, openPanel, resetPanel, togglePanel } from '../../widget/state/panel.ts'
import type { ChatMessage } from '../../widget/transport/protocol.ts'

const bot = (seq: number): ChatMessage => ({ seq, from: 'bot', kind: 'text', text: `b${seq}`, at: '' })
const visitor = (seq: number): ChatMessage => ({ seq, from: 'visitor', kind: 'text', text: `v${seq}`, at: '' })

beforeEach(() => {
  resetMessages()
  resetPanel()
})

describe('messages and the unread badge', () => {
  it('keeps each message once, ordered by sequence number, from any source', () => {
    expect(receiveMessages([bot(2), bot(1)]).map((m) => m.seq)).toEqual([2, 1])
    expect(receiveMessages([bot(1), bot(3), bot(3)]).map((m) => m.seq)).toEqual([3])
    expect($messages.get().map((m) => m.seq)).toEqual([1, 2, 3])
    expect(receiveMessages([{ seq: 'x' } as unknown as ChatMessage])).toEqual([])
  })

  it('counts bot messages that arrive while the panel is closed', () => {
    receiveMessages([bot(1)])
    expect($unread.get()).toBe(1)
    openPanel()
    expect($unread.get()).toBe(0)
    receiveMessages([bot(2)])
    markSeen()
    closePanel()
    receiveMessages([visitor(3), bot(4), bot(5)])
    expect($unread.get()).toBe(2)
    togglePanel()
    expect($panel.get()).toEqual({ open: true, seenSeq: 5 })
  })

  it('restores what was seen before a reload', () => {
    resetPanel(4)
    receiveMessages([bot(3), bot(4), bot(5)])
    expect($unread.get()).toBe(1)
  })
})
