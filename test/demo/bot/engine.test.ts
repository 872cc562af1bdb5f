import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Engine } from '../../../demo/bot/engine.ts'
import { validateBot } from '../../../demo/bot/validate.ts'
import { Store } from '../../../demo/store/store.ts'

// The engine on its own: a small bot, an in-memory store, no HTTP.
const bot = validateBot(
  {
    id: 'shop',
    name: 'Shop',
    fields: [{ id: '1', name: 'size', type: 'number' }],
    variables: [{ name: 'mood', type: 'text' }],
    defaultBlock: 'start',
    fallbackBlock: 'fallback',
    blocks: {
      start: [
        { type: 'text', text: 'Hello {{first_name|there}}' },
        {
          type: 'quick_replies',
          text: 'Pick one',
          replies: [
            { title: 'Size', goto: 'size' },
            { title: 'Loop', goto: 'loop' },
          ],
        },
      ],
      size: [{ type: 'ask', text: 'Your size?', target: { field: 'size' }, retry: 'A number, please', next: 'check' }],
      // biome-ignore lint/suspicious/noThenProperty: the bot file format names its branches then and else
      check: [{ type: 'condition', target: { field: 'size' }, op: 'greater_than', value: '44', then: 'big', else: 'small' }],
      big: [{ type: 'text', text: 'Big feet: {{size}}' }],
      small: [
        { type: 'set', target: { variable: 'mood' }, value: 'size {{size}}' },
        { type: 'text', text: 'Noted, {{mood}}' },
      ],
      loop: [{ type: 'goto', block: 'loop' }],
      fallback: [{ type: 'text', text: 'I did not get that' }],
    },
  },
  'shop.json',
  {},
)

let store: Store
let engine: Engine
let contactId: string
beforeEach(() => {
  store = new Store(':memory:')
  engine = new Engine(store, bot)
  contactId = store.createContact('shop', 'visitor-token-of-22-chars').id
})
afterEach(() => store.close())

const texts = (messages: { text?: string }[]) => messages.map((m) => m.text)

describe('the engine', () => {
  it('runs from a block until a step waits, rendering values with their fallbacks', () => {
    const sent = store.transaction(() => engine.start(contactId, 'start', null))
    expect(texts(sent)).toEqual(['Hello there', 'Pick one'])
    expect(sent[1]).toMatchObject({
      kind: 'quick_replies',
      options: [
        { index: 0, title: 'Size' },
        { index: 1, title: 'Loop' },
      ],
    })
    expect(store.contact(contactId)?.started).toBe(1)
  })

  it('follows a choice, asks, repeats the retry until the answer fits, then goes on', () => {
    const [, menu] = engine.start(contactId, 'start', null)
    const chosen = engine.choose(contactId, menu.seq, 0, 'r1')
    expect(chosen.ok && texts(chosen.messages)).toEqual(['Size', 'Your size?'])
    expect(texts(engine.answer(contactId, 'large', 'r2'))).toEqual(['large', 'A number, please'])
    expect(texts(engine.answer(contactId, '46', 'r3'))).toEqual(['46', 'Big feet: 46'])
    expect(store.values(contactId).fields).toEqual({ 1: '46' })
  })

  it('writes with set and branches on a condition', () => {
    const [, menu] = engine.start(contactId, 'start', null)
    engine.choose(contactId, menu.seq, 0, 'r1')
    expect(texts(engine.answer(contactId, '38', 'r2'))).toEqual(['38', 'Noted, size 38'])
    expect(store.values(contactId).variables).toEqual({ mood: 'size 38' })
  })

  it('sends free text to the fallback block when nothing waits for an answer', () => {
    engine.start(contactId, 'big', null)
    expect(texts(engine.answer(contactId, 'hi', 'r1'))).toEqual(['hi', 'I did not get that'])
  })

  it('refuses an option that was never offered', () => {
    const [, menu] = engine.start(contactId, 'start', null)
    expect(engine.choose(contactId, menu.seq, 5, 'r1')).toEqual({ ok: false, message: `message ${menu.seq} has no option 5` })
    expect(engine.choose(contactId, 1, 0, 'r1').ok).toBe(false)
  })

  it('stops a loop of gotos after 100 steps instead of hanging', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      const [, menu] = engine.start(contactId, 'start', null)
      const chosen = engine.choose(contactId, menu.seq, 1, 'r1')
      expect(chosen.ok && texts(chosen.messages)).toEqual(['Loop'])
      expect(warn).toHaveBeenCalledOnce()
    } finally {
      warn.mockRestore()
    }
  })

  it('tags every message it sends with the request that caused it', () => {
    engine.start(contactId, 'start', null)
    engine.answer(contactId, 'hello', 'req-7')
    expect(texts(store.messagesOfRequest(contactId, 'req-7'))).toEqual(['hello', 'I did not get that'])
  })
})
