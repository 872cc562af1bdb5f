// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { EmbedConfig } from '../../widget/embed/config.ts'
import { mountWidget } from '../../widget/embed/widget.ts'
import { $messages } from '../../widget/state/messages.ts'
import { $outbox } from '../../widget/state/outbox.ts'
import { $panel } from '../../widget/state/panel.ts'
import { $session } from '../../widget/state/session.ts'
import { mountChat } from '../../widget/ui/mount-chat.tsx'
import { fakePlatform, json } from '../fake-platform.ts'

// Preact runs effects after paint, and happy-dom reads response bodies on real timers.
const paint = () => new Promise((resolve) => setTimeout(resolve, 150))

const config: EmbedConfig = { bot: 'demo', api: 'https://bots.example', side: 'right', open: 'auto', locale: 'en', refParams: ['ref'] }
const win = window as unknown as Window & typeof globalThis
/** The chat's module itself, as the chat's file hands it over. */
const loadChat = async () => mountChat

const hubs: { api: { destroy(): void } }[] = []

/** Mounts a widget on `href`; `storage` stands for the localStorage an earlier page view left. */
function mount(
  href: string,
  respond = async (_url: string) =>
    json(200, { contactId: 'c1', replayed: false, link: null, start: null, results: [], decoderRejections: [], lastSeq: 0 }),
  storage: Map<string, string> = new Map(),
) {
  win.history.replaceState(null, '', href)
  const requests: { url: string; body: unknown }[] = []
  const fake = fakePlatform(async (input, init) => {
    requests.push({ url: String(input), body: init?.body ? JSON.parse(String(init.body)) : undefined })
    return respond(String(input))
  })
  for (const [key, value] of storage) fake.store.set(key, value)
  const warnings: string[] = []
  const hub = mountWidget({ config, platform: fake.platform, win, warn: (m) => warnings.push(m), loadChat })
  hubs.push(hub)
  return { fake, hub, warnings, requests }
}

afterEach(() => {
  for (const hub of hubs.splice(0)) hub.api.destroy()
  document.body.replaceChildren()
  localStorage.clear()
})

describe('mounting the widget', () => {
  it('hands the API to the page before a link opens the chat, so queued handlers see that opening', () => {
    win.history.replaceState(null, '', '/shop?ref=giveaway--456')
    const seen: string[] = []
    const hub = mountWidget({
      config,
      platform: fakePlatform(async () => json(503, {})).platform,
      win,
      warn: () => undefined,
      loadChat,
      ready(api) {
        seen.push(`ready, open: ${$panel.get().open}`)
        api.on('open', () => seen.push('open'))
      },
    })
    hubs.push(hub)
    expect(seen).toEqual(['ready, open: false', 'open'])
  })

  it('applies a link once: queues the intent, scrubs only its parameters, opens the chat', async () => {
    const { hub, warnings, requests, fake } = mount('/shop?utm_source=mail&ref=giveaway--456&x=a%20b#top')
    expect(warnings).toEqual([])
    expect(win.location.pathname + win.location.search + win.location.hash).toBe('/shop?utm_source=mail&x=a%20b#top')
    expect($outbox.get()[0]).toMatchObject({ kind: 'session', body: { intent: { ref: 'giveaway', payload: '456' } } })
    expect($panel.get().open).toBe(true)
    await paint()
    expect(document.querySelector('doorway-widget')?.shadowRoot?.querySelector('[role="dialog"]')).not.toBeNull()
    await paint()
    expect(requests[0]).toMatchObject({ url: 'https://bots.example/v1/bots/demo/session', body: { intent: { ref: 'giveaway' } } })
    hub.api.destroy()

    // The same link again within 30 minutes (opened from the mail again): not applied twice, scrubbed all the same.
    const again = mount('/shop?utm_source=mail&ref=giveaway--456&x=a%20b#top', undefined, fake.store)
    expect(win.location.pathname + win.location.search + win.location.hash).toBe('/shop?utm_source=mail&x=a%20b#top')
    expect(again.fake.store.get('doorway:demo:token')).toBe(fake.store.get('doorway:demo:token'))
    await paint()
    const sessions = again.requests.filter((r) => r.url.endsWith('/session'))
    expect(sessions).toHaveLength(1)
    expect(sessions[0].body).toEqual({})
    // Acknowledged, the intent has left storage; the applied-once memory holds a hash, not the link.
    const stored = JSON.stringify([...again.fake.store])
    expect(stored).not.toContain('giveaway')
    expect(stored).not.toContain('ref=')
    expect(Object.keys(JSON.parse(again.fake.store.get('doorway:demo:applied') as string))).toEqual([
      expect.stringMatching(/^[0-9a-f]{16}$/),
    ])
  })

  it('queues a new link even when an earlier page left a session in the outbox', async () => {
    const left = { at: 5, item: { kind: 'session', id: 'old', body: {}, attempts: 4, due: 0 } }
    const { requests } = mount('/?ref=giveaway--9', undefined, new Map([['doorway:demo:outbox:old', JSON.stringify(left)]]))
    await paint()
    const bodies = requests.filter((r) => r.url.endsWith('/session')).map((r) => r.body as { intent?: { payload: string } })
    expect(bodies).toHaveLength(2)
    expect(bodies[1].intent?.payload).toBe('9')
  })

  it('sends what an earlier version left under its single outbox key, then removes that key', async () => {
    const left = [
      { kind: 'session', id: 's-old', body: {}, attempts: 2, due: 0 },
      { kind: 'message', id: 'm-old', body: { id: 'm-old', text: 'queued before the upgrade' }, attempts: 1, due: 0 },
    ]
    const { requests, fake } = mount('/', undefined, new Map([['doorway:demo:outbox', JSON.stringify(left)]]))
    expect(fake.store.has('doorway:demo:outbox')).toBe(false)
    await paint()
    expect(requests.map((r) => new URL(r.url).pathname.split('/').pop())).toEqual(expect.arrayContaining(['session', 'messages']))
    expect(requests.find((r) => r.url.endsWith('/messages'))?.body).toEqual({ id: 'm-old', text: 'queued before the upgrade' })
    expect([...fake.store.keys()].filter((key) => key.startsWith('doorway:demo:outbox'))).toEqual([])
  })

  it('keeps what two tabs queued offline; the next page view sends all of it', async () => {
    const store = new Map<string, string>()
    const offline = async (): Promise<Response> => {
      throw new TypeError('offline')
    }
    // Two tabs are two copies of the widget's modules, as two pages load them, on one localStorage.
    const tabs: { api: { set(values: unknown): void; destroy(): void } }[] = []
    for (let i = 0; i < 2; i++) {
      vi.resetModules()
      const tab = await import('../../widget/embed/widget.ts')
      tabs.push(tab.mountWidget({ config, platform: fakePlatform(offline, store).platform, win, warn: () => undefined, loadChat }))
    }
    // Both tabs are open before either queues anything.
    tabs[0].api.set({ fields: { coupon: 'from-tab-1' } })
    tabs[1].api.set({ fields: { coupon: 'from-tab-2' } })
    await paint()
    for (const tab of tabs) tab.api.destroy()
    document.body.replaceChildren()

    const { requests } = mount('/', undefined, store)
    await paint()
    const coupons = requests
      .filter((r) => r.url.endsWith('/updates'))
      .map((r) => (r.body as { updates: { value: string }[] }).updates[0].value)
    expect(coupons.sort()).toEqual(['from-tab-1', 'from-tab-2'])
  })

  it('starts without the link when the backend refuses it for good', async () => {
    let sessions = 0
    const { hub, requests } = mount('/?ref=giveaway--9', async (url) =>
      url.endsWith('/session') && ++sessions === 1
        ? json(400, { error: { code: 'invalid_intent', message: 'no' } })
        : url.endsWith('/conversation/open')
          ? json(200, { messages: [], lastSeq: 0 })
          : json(200, { contactId: 'c2', replayed: false, link: null, start: null, results: [], decoderRejections: [], lastSeq: 0 }),
    )
    const errors: unknown[] = []
    const ready: unknown[] = []
    hub.api.on('error', (e) => errors.push(e))
    hub.api.on('ready', (r) => ready.push(r))
    await paint()
    await paint()
    expect(errors).toMatchObject([{ code: 'invalid_intent', kind: 'session' }])
    expect(ready).toMatchObject([{ contactId: 'c2' }])
    const writes = requests.map((r) => new URL(r.url).pathname.split('/').pop()).filter((name) => name === 'session' || name === 'open')
    expect(writes).toEqual(['session', 'session', 'open'])
  })

  it('keeps p, which names the bot, in the address; p alone is no link', async () => {
    const withLink = mount('/chat?p=demo&ref=giveaway--1')
    expect(win.location.search).toBe('?p=demo')
    expect($outbox.get()[0]).toMatchObject({ kind: 'session', body: { intent: { bot: 'demo', ref: 'giveaway' } } })
    withLink.hub.api.destroy()
    mount('/chat?p=demo')
    expect(win.location.search).toBe('?p=demo')
    expect($outbox.get().filter((item) => item.kind === 'session')).toMatchObject([{ body: {} }])
    expect($panel.get().open).toBe(false)
  })

  it('sends set values through the outbox and reports each one the backend refuses', async () => {
    const { hub, requests, warnings } = mount('/', async (url) =>
      url.endsWith('/updates')
        ? json(200, {
            results: [
              { id: 'x', status: 'stored', duplicate: false },
              { id: 'y', status: 'rejected', code: 'wrong_type', message: 'shoe_size must be a number', duplicate: false },
            ].map((r, i) => ({ ...r, id: `${updateIds[0]}-${i}` })),
          })
        : json(200, { contactId: 'c1', replayed: false, link: null, start: null, results: [], decoderRejections: [], lastSeq: 0 }),
    )
    const updateIds: string[] = []
    const errors: unknown[] = []
    hub.api.on('error', (e) => errors.push(e))
    hub.api('set', { fields: { coupon: 'X9', shoe_size: 'big' } })
    updateIds.push(($outbox.get().find((item) => item.kind === 'updates') as { id: string }).id)
    hub.api.set({ fields: { a: { nested: true } } })
    hub.api.set({})
    await paint()
    const sent = requests.find((r) => r.url.endsWith('/updates'))?.body as { updates: { type: string; key: string; value: string }[] }
    expect(sent.updates.map(({ type, key, value }) => [type, key, value])).toEqual([
      ['field', 'coupon', 'X9'],
      ['field', 'shoe_size', 'big'],
    ])
    expect(errors).toEqual([{ code: 'wrong_type', message: 'shoe_size must be a number', key: 'shoe_size' }])
    expect(warnings).toEqual(['set: fields.a must be a string or a number', 'set: give 1 to 100 values in fields, user or variables'])
  })

  it('does not apply a link made for another bot, and scrubs it from the address all the same', () => {
    const { warnings, hub } = mount('/?p=other&ref=giveaway--1')
    expect(win.location.search).toBe('?p=other')
    expect($outbox.get()).toMatchObject([{ kind: 'session', body: {} }])
    expect(warnings).toEqual(['this link is for bot "other", not "demo"; it is not applied'])
    expect($panel.get().open).toBe(false)
    hub.api.destroy()
  })

  it('emits ready with the contact and the intent, to handlers registered before or after', async () => {
    const { hub } = mount('/?bs_ref=variables:color:red')
    const early: unknown[] = []
    hub.api.on('ready', (payload) => early.push(payload))
    await paint()
    const late: unknown[] = []
    hub.api.on('ready', (payload) => late.push(payload))
    expect(early).toHaveLength(1)
    expect(late).toEqual(early)
    expect(early[0]).toMatchObject({ contactId: 'c1', intent: { dialect: 'segments', variables: { color: 'red' } } })
    hub.api.destroy()
  })

  it('leaves no node, listener or timer behind on destroy', async () => {
    const added: string[] = []
    const removed: string[] = []
    const add = win.addEventListener.bind(win)
    const remove = win.removeEventListener.bind(win)
    win.addEventListener = ((type: string, ...rest: unknown[]) => {
      added.push(type)
      return (add as (...a: unknown[]) => void)(type, ...rest)
    }) as typeof win.addEventListener
    win.removeEventListener = ((type: string, ...rest: unknown[]) => {
      removed.push(type)
      return (remove as (...a: unknown[]) => void)(type, ...rest)
    }) as typeof win.removeEventListener
    try {
      const { fake, hub } = mount('/?ref=tutorial--1', async () => {
        throw new TypeError('offline')
      })
      await paint()
      hub.api.toggle()
      await paint()
      hub.api.toggle()
      await paint()
      expect(fake.timers.size).toBeGreaterThan(0)
      hub.api.destroy()
      expect(document.querySelectorAll('doorway-widget')).toHaveLength(0)
      expect(fake.timers.size).toBe(0)
      expect(removed.sort(), JSON.stringify({ added, removed })).toEqual(added.sort())
      // Every store is as a new page view finds it; storage keeps the outbox for the next one.
      expect([$outbox.get(), $panel.get(), $messages.get(), $session.get().intent]).toEqual([[], { open: false, seenSeq: 0 }, [], null])
      expect([...fake.store.keys()].some((key) => key.startsWith('doorway:demo:outbox:'))).toBe(true)
    } finally {
      win.addEventListener = add
      win.removeEventListener = remove
    }
  })
})
