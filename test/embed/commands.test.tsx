// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import type { EmbedConfig } from '../../widget/embed/config.ts'
import { mountWidget } from '../../widget/embed/widget.ts'
import { $panel } from '../../widget/state/panel.ts'
import { mountChat } from '../../widget/ui/mount-chat.tsx'
import { fakePlatform, json, settle } from '../fake-platform.ts'

// The commands a page awaits, consent, and links that arrive by client-side navigation
// (README, "Commands you can await", "Consent", "Single-page apps").

const base: EmbedConfig = { bot: 'demo', api: 'https://bots.example', side: 'right', open: 'auto', locale: 'en', refParams: ['ref'] }
const win = window as unknown as Window & typeof globalThis
const apis: { destroy(): unknown }[] = []

type Answer = (url: string, body: Record<string, unknown> | undefined) => Response | Promise<Response>

const session = () =>
  json(200, { contactId: 'c1', replayed: false, link: null, start: null, results: [], decoderRejections: [], lastSeq: 0 })

/** A widget on `href` whose backend answers with `answer` (or a plain session and an echo of stored updates). */
function mount(href: string, config: Partial<EmbedConfig> = {}, answer?: Answer) {
  win.history.replaceState(null, '', href)
  const requests: { url: string; body: Record<string, unknown> | undefined }[] = []
  const fake = fakePlatform(async (input, init) => {
    const url = String(input)
    const body = init?.body ? JSON.parse(String(init.body)) : undefined
    requests.push({ url, body })
    const given = await answer?.(url, body)
    if (given) return given
    if (url.endsWith('/updates'))
      return json(200, { results: body.updates.map((u: { id: string }) => ({ id: u.id, status: 'stored', duplicate: false })) })
    if (url.endsWith('/open')) return json(200, { messages: [], lastSeq: 0 })
    return session()
  })
  const warnings: string[] = []
  // As page/platform.ts does: the widget's scrubbing goes around the page's history methods.
  const replaceAddress = (url: string) => History.prototype.replaceState.call(win.history, win.history.state, '', url)
  const hub = mountWidget({
    config: { ...base, ...config },
    platform: fake.platform,
    win,
    warn: (m) => warnings.push(m),
    loadChat: async () => mountChat,
    replaceAddress,
  })
  apis.push(hub.api)
  return { fake, api: hub.api, requests, warnings }
}

afterEach(() => {
  for (const api of apis.splice(0)) api.destroy()
  document.body.replaceChildren()
})

const path = () => win.location.pathname + win.location.search

describe('commands you can await', () => {
  it('set resolves once the backend stored every value, with each one’s result', async () => {
    const { api, requests } = mount('/')
    let settled = false
    const done = api.set({ fields: { coupon: 'X9' }, user: { email: 'ann@example.com' } }).then((value) => {
      settled = true
      return value
    })
    expect(settled).toBe(false)
    await settle()
    expect(requests.some((r) => r.url.endsWith('/updates'))).toBe(true)
    await expect(done).resolves.toEqual([
      { type: 'field', key: 'coupon', value: 'X9', status: 'stored' },
      { type: 'user', key: 'email', value: 'ann@example.com', status: 'stored' },
    ])
  })

  it('set rejects with the refusals when the backend stores some values only, and with the reason for bad values', async () => {
    const { api } = mount('/', {}, (url, body) => {
      if (!url.endsWith('/updates')) return undefined as unknown as Response
      const [first, second] = (body as { updates: { id: string }[] }).updates
      return json(200, {
        results: [
          { id: first.id, status: 'stored', duplicate: false },
          { id: second.id, status: 'rejected', code: 'invalid_email', message: 'email must be one address', duplicate: false },
        ],
      })
    })
    const refused = api.set({ fields: { coupon: 'X9' }, user: { email: 'nope' } })
    await expect(refused).rejects.toMatchObject({
      code: 'values_refused',
      message: 'set: the backend did not store 1 of 2: email (email must be one address)',
      refusals: [{ type: 'user', key: 'email', value: 'nope', status: 'rejected', code: 'invalid_email' }],
    })
    await expect(api.set({ fields: 'coupon' })).rejects.toMatchObject({ code: 'invalid_values' })
  })

  it('set waits through an outage and resolves when the backend is back; destroy rejects what still waits', async () => {
    let up = false
    const { api, fake } = mount('/', {}, () =>
      up ? (undefined as unknown as Response) : json(503, { error: { code: 'down', message: 'down' } }),
    )
    let outcome = 'waiting'
    api.set({ variables: { plan: 'pro' } }).then(() => (outcome = 'stored'))
    await fake.advance(5000)
    expect(outcome).toBe('waiting')
    up = true
    await fake.advance(60_000)
    expect(outcome).toBe('stored')
    up = false
    const waiting = api.set({ variables: { plan: 'team' } })
    await fake.advance(100)
    api.destroy()
    await expect(waiting).rejects.toMatchObject({ code: 'destroyed' })
  })

  it('open resolves once the panel has rendered', async () => {
    const { api, fake } = mount('/')
    const shown = api.open()
    await settle()
    await fake.advance(0)
    await shown
    const panel = document.querySelector('doorway-widget')?.shadowRoot?.querySelector('[role="dialog"]')
    expect(panel).not.toBeNull()
    await expect(api.close()).resolves.toBeUndefined()
    expect($panel.get().open).toBe(false)
  })
})

describe('consent', () => {
  it('stores and sends nothing before consent, holds the link in memory and scrubs it at once', async () => {
    const { api, fake, requests } = mount('/shop?ref=giveaway--456&utm=a', { consentRequired: true })
    expect(path()).toBe('/shop?utm=a')
    const stored = api.set({ fields: { coupon: 'X9' } })
    await expect(api.open()).rejects.toMatchObject({ code: 'consent_required' })
    await fake.advance(10_000)
    expect(requests).toEqual([])
    expect([...fake.store.keys()]).toEqual([])
    expect(document.querySelector('doorway-widget')).toBeNull()

    await api.consent(true)
    await fake.advance(0)
    await expect(stored).resolves.toHaveLength(1)
    const sent = requests.map((r) => r.url.split('/').pop())
    // The held link first, then what the page set before consent.
    expect(sent.slice(0, 1)).toEqual(['session'])
    expect(requests[0].body).toMatchObject({ intent: { ref: 'giveaway', payload: '456' } })
    expect(sent).toContain('updates')
    expect(sent.indexOf('updates')).toBeGreaterThan(sent.indexOf('session'))
    expect(fake.store.get('doorway:demo:token')).toMatch(/^[A-Za-z0-9_-]{22,}$/)
    // The link names a flow: with consent the chat opens where it says.
    expect($panel.get().open).toBe(true)
  })

  it('consent(false) stops the widget and clears what it stored, its own keys only', async () => {
    const { api, fake } = mount('/?ref=giveaway--456')
    fake.store.set('site:cart', '3')
    await fake.advance(0)
    expect([...fake.store.keys()].some((key) => key.startsWith('doorway:demo:'))).toBe(true)
    await api.consent(false)
    expect([...fake.store.keys()]).toEqual(['site:cart'])
    expect(document.querySelector('doorway-widget')).toBeNull()
    await expect(api('consent', 'yes')).rejects.toMatchObject({ code: 'invalid_command' })
  })
})

describe('single-page apps', () => {
  it('applies a link that arrives by pushState once, and scrubs it, and one that back or forward brings', async () => {
    const { requests, fake } = mount('/')
    await fake.advance(0)
    win.history.pushState({ page: 2 }, '', '/offer?ref=giveaway--456&x=1')
    expect(path()).toBe('/offer?x=1')
    expect(win.history.state).toEqual({ page: 2 })
    await fake.advance(0)
    const sessions = requests.filter((r) => r.url.endsWith('/session'))
    expect(sessions.map((r) => r.body?.intent && (r.body.intent as { payload: string }).payload)).toEqual([undefined, '456'])
    // The same link again within 30 minutes is scrubbed, not applied twice.
    win.history.pushState(null, '', '/offer?ref=giveaway--456&x=1')
    expect(path()).toBe('/offer?x=1')
    await fake.advance(0)
    expect(requests.filter((r) => r.url.endsWith('/session'))).toHaveLength(2)
    // Back or forward to an address with another link (the browser moved; popstate says so).
    History.prototype.replaceState.call(win.history, null, '', '/back?ref=tutorial--2')
    win.dispatchEvent(new PopStateEvent('popstate'))
    expect(path()).toBe('/back')
    await fake.advance(0)
    expect(requests.filter((r) => r.url.endsWith('/session'))).toHaveLength(3)
  })

  it('navigate reads an address changed without the History API; destroy gives the page its history methods back', async () => {
    const pushState = win.history.pushState
    const { api, requests, fake } = mount('/')
    expect(win.history.pushState).not.toBe(pushState)
    // A router that writes the address by hand: the widget hears it when told.
    History.prototype.replaceState.call(win.history, null, '', '/x?bs_ref=user:email:ann%40example.com')
    await fake.advance(0)
    expect(path()).toBe('/x?bs_ref=user:email:ann%40example.com')
    await api.navigate()
    await fake.advance(0)
    expect(path()).toBe('/x')
    expect(requests.filter((r) => r.url.endsWith('/session')).at(-1)?.body).toMatchObject({
      intent: { user: { email: 'ann@example.com' } },
    })
    api.destroy()
    expect(win.history.pushState).toBe(pushState)
  })

  it('puts its element back when the app re-renders the body, the open chat in it', async () => {
    const { api, fake } = mount('/')
    const shown = api.open()
    await settle()
    await fake.advance(0)
    await shown
    const element = document.querySelector('doorway-widget')
    document.body.innerHTML = '<main id="app">re-rendered</main>'
    await settle()
    expect(document.querySelector('doorway-widget')).toBe(element)
    expect(element?.shadowRoot?.querySelector('[role="dialog"]')).not.toBeNull()
    const body = document.createElement('body')
    document.documentElement.replaceChild(body, document.body)
    await settle()
    expect(document.body.querySelector('doorway-widget')).toBe(element)
    api.destroy()
    await settle()
    expect(document.querySelector('doorway-widget')).toBeNull()
  })

  it('gives up, with one warning, on a page that keeps removing its element, instead of starving the event loop', async () => {
    const { warnings } = mount('/')
    let removals = 0
    const observer = new MutationObserver(() => {
      const element = document.querySelector('doorway-widget')
      if (element && removals < 1000) {
        removals++
        element.remove()
      }
    })
    observer.observe(document.body, { childList: true })
    document.querySelector('doorway-widget')?.remove()
    for (let i = 0; i < 20; i++) await settle()
    observer.disconnect()
    expect(removals).toBeLessThan(10)
    expect(warnings).toContain('this page keeps removing the widget from the page; it stays removed')
  })

  it('still calls a History.prototype patch made after it, and leaves no property of its own on destroy', async () => {
    const { api } = mount('/')
    const original = History.prototype.pushState
    const seen: unknown[] = []
    History.prototype.pushState = function (this: History, ...args: Parameters<History['pushState']>) {
      seen.push(args[2])
      return original.apply(this, args)
    }
    try {
      win.history.pushState(null, '', '/later')
      expect(seen).toEqual(['/later'])
      api.destroy()
      expect(Object.hasOwn(win.history, 'pushState')).toBe(false)
    } finally {
      History.prototype.pushState = original
    }
  })

  it('works, and says how to tell it of navigations, where history.pushState cannot be replaced', async () => {
    Object.defineProperty(win.history, 'pushState', { value: History.prototype.pushState, writable: false, configurable: true })
    try {
      const { api, warnings } = mount('/')
      expect(warnings).toContain(
        "history.pushState cannot be wrapped on this page: call Doorway('navigate') after a client-side navigation",
      )
      expect(document.querySelector('doorway-widget')).not.toBeNull()
      await expect(api.close()).resolves.toBeUndefined()
    } finally {
      delete (win.history as Partial<History>).pushState
    }
  })

  it('does not apply a link twice in one page view, even pushed again after the 30 minutes of the applied-once memory', async () => {
    const { requests, fake } = mount('/')
    await fake.advance(0)
    win.history.pushState(null, '', '/a?ref=giveaway--456')
    await fake.advance(31 * 60 * 1000)
    win.history.pushState(null, '', '/a?ref=giveaway--456')
    expect(path()).toBe('/a')
    await fake.advance(0)
    expect(requests.filter((r) => r.url.endsWith('/session'))).toHaveLength(2)
  })
})

describe('after destroy, and after withdrawal', () => {
  it('refuses every command but destroy: consent(true) does not bring a destroyed widget back, set does not hang', async () => {
    const { api, requests, fake } = mount('/', { consentRequired: true })
    const events: string[] = []
    api.on('open', () => events.push('open'))
    api.destroy()
    await expect(api.consent(true)).rejects.toMatchObject({ code: 'destroyed' })
    await expect(api.set({ fields: { coupon: 'X' } })).rejects.toMatchObject({ code: 'destroyed' })
    await expect(api.open()).rejects.toMatchObject({ code: 'destroyed' })
    await expect(api.destroy()).resolves.toBeUndefined()
    await fake.advance(10_000)
    expect([requests, [...fake.store.keys()], events]).toEqual([[], [], []])
    expect(document.querySelector('doorway-widget')).toBeNull()
  })

  it('forgets the ready payload on withdrawal, and stops when another tab withdrew consent', async () => {
    const { api, fake } = mount('/')
    await fake.advance(0)
    const ready: unknown[] = []
    await api.on('ready', (payload) => ready.push(payload))
    expect(ready).toHaveLength(1)
    await api.consent(false)
    await api.on('ready', (payload) => ready.push(payload))
    expect(ready).toHaveLength(1)

    await api.consent(true)
    await fake.advance(0)
    expect(document.querySelector('doorway-widget')).not.toBeNull()
    // Another tab removed the widget's keys: this one stops, and writes nothing back.
    fake.store.delete('doorway:demo:token')
    win.dispatchEvent(new StorageEvent('storage', { key: 'doorway:demo:token', oldValue: 'x', newValue: null, storageArea: localStorage }))
    expect(document.querySelector('doorway-widget')).toBeNull()
    await fake.advance(10_000)
    expect([...fake.store.keys()]).toEqual([])
  })
})
