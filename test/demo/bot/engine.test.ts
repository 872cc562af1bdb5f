import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Engine } from '../../../demo/bot/engine.ts'
import { validateBot } from '../../../demo/bot/validate.ts'
import type { Store } from '../../../demo/store/store.ts'
import { ENGINES, type TestDatabase } from '../engines.ts'

// The engine on its own: a small bot, a store of each engine, no HTTP.
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

const texts = (messages: { text?: string }[]) => messages.map((m) => m.text)

describe.each(ENGINES)('the engine on $name', (engine) => {
  let database: TestDatabase
  let store: Store
  let contactId: string
  // Each call in a transaction of its own, as the routes run it.
  const run = <T>(work: (flows: Engine) => Promise<T>) => store.transaction((tx) => work(new Engine(tx, bot)))
  beforeEach(async () => {
    database = await engine.create()
    store = database.store
    contactId = (await store.transaction((tx) => tx.createContact('shop', 'visitor-token-of-22-chars'))).id
  })
  afterEach(() => database.dispose())

  it('runs from a block until a step waits, rendering values with their fallbacks', async () => {
    const sent = await run((flows) => flows.start(contactId, 'start', null))
    expect(texts(sent)).toEqual(['Hello there', 'Pick one'])
    expect(sent[1]).toMatchObject({
      kind: 'quick_replies',
      options: [
        { index: 0, title: 'Size' },
        { index: 1, title: 'Loop' },
      ],
    })
    expect((await store.contact(contactId))?.started).toBe(1)
  })

  it('follows a choice, asks, repeats the retry until the answer fits, then goes on', async () => {
    const [, menu] = await run((flows) => flows.start(contactId, 'start', null))
    const chosen = await run((flows) => flows.choose(contactId, menu.seq, 0, 'r1'))
    expect(chosen.ok && texts(chosen.messages)).toEqual(['Size', 'Your size?'])
    expect(texts(await run((flows) => flows.answer(contactId, 'large', 'r2')))).toEqual(['large', 'A number, please'])
    expect(texts(await run((flows) => flows.answer(contactId, '46', 'r3')))).toEqual(['46', 'Big feet: 46'])
    expect((await store.values(contactId)).fields).toEqual({ 1: '46' })
  })

  it('writes with set and branches on a condition', async () => {
    const [, menu] = await run((flows) => flows.start(contactId, 'start', null))
    await run((flows) => flows.choose(contactId, menu.seq, 0, 'r1'))
    expect(texts(await run((flows) => flows.answer(contactId, '38', 'r2')))).toEqual(['38', 'Noted, size 38'])
    expect((await store.values(contactId)).variables).toEqual({ mood: 'size 38' })
  })

  it('sends free text to the fallback block when nothing waits for an answer', async () => {
    await run((flows) => flows.start(contactId, 'big', null))
    expect(texts(await run((flows) => flows.answer(contactId, 'hi', 'r1')))).toEqual(['hi', 'I did not get that'])
  })

  it('refuses an option that was never offered', async () => {
    const [, menu] = await run((flows) => flows.start(contactId, 'start', null))
    expect(await run((flows) => flows.choose(contactId, menu.seq, 5, 'r1'))).toEqual({
      ok: false,
      message: `message ${menu.seq} has no option 5`,
    })
    expect((await run((flows) => flows.choose(contactId, 1, 0, 'r1'))).ok).toBe(false)
  })

  it('stops a loop of gotos after 100 steps instead of hanging', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      const [, menu] = await run((flows) => flows.start(contactId, 'start', null))
      const chosen = await run((flows) => flows.choose(contactId, menu.seq, 1, 'r1'))
      expect(chosen.ok && texts(chosen.messages)).toEqual(['Loop'])
      expect(warn).toHaveBeenCalledOnce()
    } finally {
      warn.mockRestore()
    }
  })

  it('tags every message it sends with the request that caused it', async () => {
    await run((flows) => flows.start(contactId, 'start', null))
    await run((flows) => flows.answer(contactId, 'hello', 'req-7'))
    expect(texts(await store.messagesOfRequest(contactId, 'req-7'))).toEqual(['hello', 'I did not get that'])
  })

  it('keeps nothing of a run whose transaction fails', async () => {
    await expect(
      run(async (flows) => {
        await flows.start(contactId, 'start', null)
        throw new Error('the answer could not be sent')
      }),
    ).rejects.toThrow('the answer could not be sent')
    expect(await store.messagesAfter(contactId, 0)).toEqual([])
    expect((await store.contact(contactId))?.started).toBe(0)
  })
})
