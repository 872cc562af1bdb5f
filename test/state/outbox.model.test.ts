// A model-based test of "nothing is lost, nothing applied twice" (docs/security.md): random
// schedules of writes, faults, reloads, a second tab and backend restarts drive the real
// outbox, the real HTTP transport and the real backend on a real SQLite file.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { loadBots } from '../../demo/bot/load.ts'
import { createDemoServer } from '../../demo/http/server.ts'
import { SqliteStore as Store } from '../../demo/store/sqlite.ts'
import { createHttpTransport } from '../../widget/transport/http.ts'
import { type Platform, randomId } from '../../widget/transport/platform.ts'
import { ADMIN, newToken, root } from '../demo/server-harness.ts'
import { type OutboxModule, openPageView, type PageView } from './outbox-page-view.ts'

const RUNS = Number(process.env.MODEL_RUNS ?? 1000)
const bots = loadBots(join(root, 'demo', 'bots'))

/** The backend as one process that can be restarted on the same port and the same file. */
class Backend {
  private store!: Store
  private server!: ReturnType<typeof createDemoServer>
  port = 0
  readonly dir = mkdtempSync(join(tmpdir(), 'doorway-model-'))

  async start(): Promise<void> {
    this.store = new Store(join(this.dir, 'doorway.sqlite'))
    // Rate limits are the backend's own business; a schedule sends far more than a visitor would.
    this.server = createDemoServer({ store: this.store, bots, adminToken: ADMIN, root, visitorRate: [1e6, 1e6], addressRate: [1e6, 1e6] })
    await new Promise<void>((done) => this.server.listen(this.port, '127.0.0.1', done))
    this.port = (this.server.address() as AddressInfo).port
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise((done) => this.server.close(done))
    await this.store.close()
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`
  }
}

type Fault = 'reset' | 'status500' | 'status429'

/** One visitor's browser: shared storage and clock, the network between it and the backend. */
class Browser {
  now = 1_000_000
  offline = false
  faults: Fault[] = []
  inFlight = 0
  private nextTimer = 1
  readonly timers = new Map<number, { at: number; fn: () => void }>()
  readonly storage = new Map<string, string>()
  readonly platform: Platform

  constructor(private readonly backend: Backend) {
    this.platform = {
      fetch: (input, init) => this.fetch(String(input), init),
      EventSource: null,
      setTimeout: (fn, ms) => {
        const id = this.nextTimer++
        this.timers.set(id, { at: this.now + ms, fn })
        return id
      },
      clearTimeout: (handle) => void this.timers.delete(handle as number),
      storage: {
        getItem: (key) => this.storage.get(key) ?? null,
        setItem: (key, value) => void this.storage.set(key, value),
        removeItem: (key) => void this.storage.delete(key),
        keys: () => [...this.storage.keys()],
      },
      randomBytes: (length) => randomBytes(length),
      now: () => this.now,
    }
  }

  private async fetch(url: string, init?: RequestInit): Promise<Response> {
    this.inFlight++
    try {
      if (this.offline) throw new TypeError('Failed to fetch')
      const fault = this.faults.shift()
      if (fault === 'status500') return new Response('{"error":{"code":"internal","message":"x"}}', { status: 500 })
      if (fault === 'status429')
        return new Response('{"error":{"code":"rate_limited","message":"x"}}', { status: 429, headers: { 'Retry-After': '2' } })
      const response = await fetch(url.replace(/^http:\/\/[^/]+/, this.backend.base), { ...init, signal: undefined })
      const text = await response.text()
      // The backend applied the request; the answer is lost on the way back.
      if (fault === 'reset') throw new TypeError('connection reset')
      return new Response(text, { status: response.status, headers: response.headers })
    } finally {
      this.inFlight--
    }
  }

  /** Lets every request in flight finish and the timers due now run. */
  async quiesce(): Promise<void> {
    // Bounded by real time, not by turns: a request waits for the disk (the backend answers
    // after an fdatasync on the thread pool), which takes many turns of the event loop.
    const deadline = Date.now() + 30_000
    while (Date.now() < deadline) {
      await new Promise((resolve) => setImmediate(resolve))
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= this.now).sort((a, b) => a[1].at - b[1].at)[0]
      if (due) {
        this.timers.delete(due[0])
        due[1].fn()
        continue
      }
      if (this.inFlight === 0) {
        await new Promise((resolve) => setImmediate(resolve))
        if (this.inFlight === 0) return
      } else {
        await new Promise((resolve) => setTimeout(resolve, 1))
      }
    }
    throw new Error('the outbox never settled')
  }

  async advance(ms: number): Promise<void> {
    this.now += ms
    await this.quiesce()
  }
}

/** What the visitor meant: messages in the order typed per tab, the last value per key. */
interface Model {
  messages: string[][]
  lastValue: Map<string, string>
  /** The links opened: each must be applied once, whichever tab opened it and how often. */
  links: Set<string>
  refused: string[]
}

interface Real {
  backend: Backend
  browser: Browser
  token: string
  tabs: (PageView | null)[]
  modules: OutboxModule[]
  counter: number
  /** Makes this schedule's links its own. */
  linkBase: number
}

// Each tab writes its own keys: the order between two tabs is not defined, within one it is.
const KEYS: [type: 'field' | 'user' | 'variable', key: string][][] = [
  [
    ['variable', 'city'],
    ['field', 'coupon'],
  ],
  [
    ['variable', 'stage'],
    ['user', 'first_name'],
  ],
]

function start(real: Real, model: Model, slot: number, query = ''): void {
  real.tabs[slot] = openPageView({
    module: real.modules[slot],
    platform: real.browser.platform,
    transport: createHttpTransport({ api: 'http://backend.invalid', bot: 'demo', token: real.token, platform: real.browser.platform }),
    key: (name) => `doorway:demo:${name}`,
    query,
    onRefused: (what) => model.refused.push(what),
  })
}

type Command = fc.AsyncCommand<Model, Real>
const command = (name: string, run: (model: Model, real: Real) => Promise<void>, check: (model: Readonly<Model>) => boolean = () => true) =>
  ({ check, run, toString: () => name }) as Command

const commands = [
  fc.integer({ min: 0, max: 1 }).map((slot) =>
    command(`message(${slot})`, async (model, real) => {
      const tab = real.tabs[slot]
      if (!tab) return
      const text = `m${slot}-${real.counter++}`
      model.messages[slot].push(text)
      tab.module.enqueue({
        kind: 'message',
        id: randomId(real.browser.platform, 12),
        body: { id: randomId(real.browser.platform, 12), text },
      })
      await real.browser.quiesce()
    }),
  ),
  fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 1 }), fc.boolean()).map(([slot, which, viaSet]) =>
    command(`${viaSet ? 'set' : 'update'}(${slot}, ${KEYS[slot][which][1]})`, async (model, real) => {
      const tab = real.tabs[slot]
      if (!tab) return
      const [type, key] = KEYS[slot][which]
      const value = `v${real.counter++}`
      model.lastValue.set(`${type}:${key}`, value)
      const id = randomId(real.browser.platform, 12)
      tab.module.enqueue({ kind: 'updates', id, body: { updates: [{ id: `${id}-0`, type, key, value }] } })
      await real.browser.quiesce()
    }),
  ),
  fc.boolean().map((offline) =>
    command(`offline(${offline})`, async (_model, real) => {
      real.browser.offline = offline
      await real.browser.quiesce()
    }),
  ),
  fc.constantFrom<Fault>('reset', 'status500', 'status429').map((fault) =>
    command(`fault(${fault})`, async (_model, real) => {
      real.browser.faults.push(fault)
    }),
  ),
  fc.integer({ min: 100, max: 40_000 }).map((ms) => command(`advance(${ms})`, (_model, real) => real.browser.advance(ms))),
  fc.integer({ min: 0, max: 1 }).map((slot) =>
    command(`reload(${slot})`, async (model, real) => {
      real.tabs[slot]?.close()
      start(real, model, slot)
      await real.browser.quiesce()
    }),
  ),
  fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 1 })).map(([slot, which]) =>
    command(`openLink(${slot}, ${which})`, async (model, real) => {
      const query = `?ref=FLOW9--account_id--${real.linkBase + which}`
      model.links.add(query)
      real.tabs[slot]?.close()
      start(real, model, slot, query)
      await real.browser.quiesce()
    }),
  ),
  fc.integer({ min: 0, max: 1 }).map((slot) =>
    command(`close(${slot})`, async (_model, real) => {
      real.tabs[slot]?.close()
      real.tabs[slot] = null
    }),
  ),
  fc.constant(
    command('restartBackend', async (_model, real) => {
      await real.browser.quiesce()
      await real.backend.stop()
      await real.backend.start()
    }),
  ),
]

async function storedFor(real: Real): Promise<{ texts: string[]; values: Map<string, string>; linkOpens: number }> {
  const contactId = real.browser.storage.get('model:contact')
  const response = await fetch(`${real.backend.base}/v1/admin/bots/demo/contacts/${contactId}`, {
    headers: { Authorization: `Bearer ${ADMIN}` },
  })
  const contact = await response.json()
  const values = new Map<string, string>()
  for (const [key, value] of Object.entries(contact.variables as Record<string, string>)) values.set(`variable:${key}`, value)
  for (const [key, value] of Object.entries(contact.user as Record<string, string>)) values.set(`user:${key}`, value)
  for (const field of contact.fields as { name: string; value: string }[]) values.set(`field:${field.name}`, field.value)
  const texts = (contact.messages as { from: string; text: string }[]).filter((m) => m.from === 'visitor').map((m) => m.text)
  return { texts, values, linkOpens: (contact.linkOpens as { link: string }[]).filter((open) => open.link === 'FLOW9').length }
}

describe('the outbox against the real backend, on random schedules', () => {
  const backend = new Backend()
  const modules: OutboxModule[] = []
  beforeAll(async () => {
    await backend.start()
    // Two tabs are two copies of the widget's modules, as two pages would load them.
    for (let i = 0; i < 2; i++) {
      vi.resetModules()
      modules.push((await import('../../widget/state/outbox.ts')) as OutboxModule)
    }
    expect(modules[0].$outbox).not.toBe(modules[1].$outbox)
  })
  afterAll(async () => {
    await backend.stop()
    rmSync(backend.dir, { recursive: true, force: true })
  })

  it(`stores what the visitor intended, each item once and in order, over ${RUNS} schedules`, async () => {
    let schedules = 0
    const started = performance.now()
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 24 }), fc.boolean(), async (schedule, secondTab) => {
        schedules++
        const browser = new Browser(backend)
        const model: Model = { messages: [[], []], lastValue: new Map(), links: new Set(), refused: [] }
        const real: Real = { backend, browser, token: newToken(), tabs: [null, null], modules, counter: 0, linkBase: schedules * 10 }
        start(real, model, 0)
        if (secondTab) start(real, model, 1)
        await browser.quiesce()
        await fc.asyncModelRun(() => ({ model, real }), schedule)

        // Every tab closes; the next visit, online, sends whatever any tab left behind.
        for (const tab of real.tabs) tab?.close()
        browser.offline = false
        browser.faults = []
        start(real, model, 0)
        for (let i = 0; i < 40 && (real.tabs[0]?.pending() ?? 0) > 0; i++) await browser.advance(30_000)
        expect(real.tabs[0]?.pending(), 'the outbox drained').toBe(0)
        real.tabs[0]?.close()

        expect(model.refused).toEqual([])
        const stored = await storedFor(real)
        const all = model.messages.flat()
        // Each message once...
        expect([...stored.texts].sort()).toEqual([...all].sort())
        // ...and in the order typed, per tab.
        for (const typed of model.messages) expect(stored.texts.filter((text) => typed.includes(text))).toEqual(typed)
        for (const [key, value] of model.lastValue) expect(stored.values.get(key), key).toBe(value)
        // Each link applied once, however many tabs opened it and however often it was sent.
        expect(stored.linkOpens, 'links applied').toBe(model.links.size)
      }),
      { numRuns: RUNS },
    )
    const seconds = (performance.now() - started) / 1000
    console.log(`outbox model: ${schedules} schedules in ${seconds.toFixed(1)} s, 0 lost, 0 applied twice`)
    expect(schedules).toBeGreaterThanOrEqual(RUNS)
  }, 600_000)
})
