import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { count, root, text, useBrowserAndDemo, visible } from './harness.ts'

// A host page that replaced built-ins before the script loaded (docs/security.md). The widget
// takes what a hidden frame can give from one and works; for the rest it refuses to start with
// one console error, before it scrubs, stores or sends anything.
const env = useBrowserAndDemo()

const QUERY = '?ref=giveaway--456&bs_ref=user:email:ann%40example.com'

/**
 * Opens the link on a fixture page after `patch` ran. A page's scripts run in its own window, not
 * in frames it did not write: unless `everyFrame`, as an extension's content script may be.
 */
async function load(patch: string, { everyFrame = false, fixture = 'plain.html', before = async (_: Page) => {} } = {}) {
  const context = await env.browser.newContext()
  const page = await context.newPage()
  await before(page)
  const errors: string[] = []
  const api: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/v1/')) api.push(request.url())
  })
  if (patch) await page.addInitScript(everyFrame ? patch : `if (window === window.top) {\n${patch}\n}`)
  await page.route(
    (url) => url.pathname === `/${fixture}`,
    (route) => route.fulfill({ contentType: 'text/html', body: readFileSync(join(root, 'test', 'fixtures', fixture)) }),
  )
  await page.goto(`${env.demo.base}/${fixture}${QUERY}`)
  return { page, errors, api, close: () => context.close() }
}

type Loaded = Awaited<ReturnType<typeof load>>

const search = (page: Page) => page.evaluate(() => location.search)
const tokenOf = (page: Page) => page.evaluate(() => localStorage.getItem('doorway:demo:token') as string)
const frames = (page: Page) => page.evaluate(() => document.querySelectorAll('iframe').length)
const bot = (page: Page) => page.locator('doorway-widget .message.bot .bubble')

/** One console error naming `named`; the address as it was; nothing stored, sent or left on the page. */
async function expectRefused({ page, errors, api }: Loaded, named: string) {
  await expect.poll(() => errors.length, { timeout: 5000 }).toBeGreaterThan(0)
  // Give a started widget every chance to scrub, store or send.
  await page.waitForTimeout(1000)
  expect(errors).toHaveLength(1)
  expect(errors[0]).toMatch(/^Doorway: this page replaced /)
  expect(errors[0]).toContain(named)
  expect(await search(page)).toBe(QUERY)
  expect(await page.evaluate(() => localStorage.length)).toBe(0)
  expect(api).toEqual([])
  expect(await page.locator('doorway-widget').count()).toBe(0)
  expect(await frames(page)).toBe(0)
}

/** The link applied on the backend, the address scrubbed, the chat open and answering. */
async function expectWorks({ page, errors }: Loaded, { failed = false } = {}) {
  await expect.poll(visible(page.locator('doorway-widget .launcher'))).toBe(true)
  await expect.poll(() => search(page)).toBe('')
  const token = await tokenOf(page)
  expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/)
  await expect.poll(async () => (await env.demo.contactOf(token)).user?.email).toBe('ann@example.com')
  expect((await env.demo.contactOf(token)).fields).toContainEqual({ id: '738', name: 'coupon', value: '456' })
  // The link opens the chat at its block; a quick reply is a message, sent and answered.
  await expect.poll(text(bot(page).first())).toBe("You're in the giveaway with ticket 456.")
  await page.locator('doorway-widget .replies button', { hasText: 'Browse shoes' }).click()
  await expect.poll(() => bot(page).allTextContents()).toContain("Here is this week's pick:")
  // Chromium reports a request a test failed on purpose.
  expect(failed ? errors.filter((error) => !error.startsWith('Failed to load resource')) : errors).toEqual([])
  return token
}

/** Fails the first POST to `path` as a lost connection would; says whether it did. */
async function failFirst(page: Page, path: string) {
  const state = { failed: false }
  await page.route(
    (url) => url.pathname === path,
    (route) => {
      if (state.failed || route.request().method() !== 'POST') return route.continue()
      state.failed = true
      return route.abort()
    },
  )
  return state
}

/** What another tab of the same visitor says reaches this one only through the event stream. */
async function expectStreamed(page: Page, token: string) {
  const before = await bot(page).count()
  const { messages } = await (
    await fetch(`${env.demo.base}/v1/bots/demo/messages?after=0`, { headers: { Authorization: `Bearer ${token}` } })
  ).json()
  const buttons = messages.findLast((m: { kind: string }) => m.kind === 'buttons')
  await fetch(`${env.demo.base}/v1/bots/demo/messages`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ id: 'other-tab-1', choice: { seq: buttons.seq, index: 0 } }),
  })
  await expect.poll(count(bot(page)), { timeout: 10_000 }).toBeGreaterThan(before)
}

// What zone.js (Angular) does: working wrappers, which do not print as native code.
const ZONE_LIKE = `
  window.tasks = 0
  const task = (fn) => typeof fn === 'function' ? function (...args) { window.tasks++; return fn.apply(this, args) } : fn
  const then = Promise.prototype.then
  Promise.prototype.then = function (onFulfilled, onRejected) { return then.call(this, task(onFulfilled), task(onRejected)) }
  window.Promise = class ZoneAwarePromise extends Promise {}
  const setTimeout = window.setTimeout, clearTimeout = window.clearTimeout, fetch = window.fetch, EventSource = window.EventSource
  window.setTimeout = function (fn, ms, ...args) { return setTimeout.call(window, task(fn), ms, ...args) }
  window.clearTimeout = function (id) { return clearTimeout.call(window, id) }
  window.fetch = function (...args) { window.tasks++; return fetch.apply(window, args) }
  window.EventSource = function (url, init) { return new EventSource(url, init) }
`

// What Datadog RUM and New Relic do: time each fetch and pass its answer on.
const MONITORED_FETCH = `
  window.traced = []
  const fetch = window.fetch
  window.fetch = function (input, init) {
    const started = performance.now()
    return fetch.call(this, input, init).then((response) => {
      window.traced.push([String(input), response.status, performance.now() - started])
      return response
    })
  }
`

// What Sentry does: wrap fetch and timers, and make Function.prototype.toString print each
// wrapper as its original.
const SENTRY_LIKE = `
  const print = Function.prototype.toString
  const wrap = (name) => {
    const original = window[name]
    const wrapped = function (...args) { return original.apply(this, args) }
    wrapped.__sentry_original__ = original
    window[name] = wrapped
  }
  wrap('fetch')
  wrap('setTimeout')
  Function.prototype.toString = function (...args) { return print.apply(this.__sentry_original__ || this, args) }
`

const FAKE_ANSWER = `new Response('{"contactId":"c","results":[],"messages":[],"lastSeq":0}', { status: 200, headers: { 'Content-Type': 'application/json' } })`

// Hostile replacements of what a frame can give: each is bypassed, and the widget works.
const BYPASSED: [string, string, (loaded: Loaded, token: string) => Promise<void>][] = [
  [
    'fetch, by one that answers a fake 200',
    `window.faked = 0; window.fetch = async () => (window.faked++, ${FAKE_ANSWER})`,
    async ({ page }) => expect(await page.evaluate(() => (window as unknown as { faked: number }).faked)).toBe(0),
  ],
  ['fetch, by a bound function (which prints as native code)', `window.fetch = (async () => ${FAKE_ANSWER}).bind(null)`, async () => {}],
  [
    'EventSource, by one that never delivers',
    'window.EventSource = function EventSource() { return new EventTarget() }',
    async ({ page }, token) => expectStreamed(page, token),
  ],
  [
    'crypto.getRandomValues, by one that gives zeros',
    'Crypto.prototype.getRandomValues = (array) => array',
    async (_, token) => expect(token).not.toBe('A'.repeat(24)),
  ],
  ['Storage.prototype.setItem, by one that stores nothing', 'Storage.prototype.setItem = () => {}', async () => {}],
  ['History.prototype.replaceState, by one that does nothing', 'History.prototype.replaceState = () => {}', async () => {}],
  ['Date.now, by one that stands still', 'Date.now = () => 0', async () => {}],
]

// Benign pages: the widget must work there, fully.
const BENIGN: [string, string][] = [
  ['nothing', ''],
  ['Promise, then, timers, fetch and EventSource by working wrappers, as zone.js does (Angular)', ZONE_LIKE],
  ['fetch by a wrapper that times it, as Datadog RUM and New Relic do', MONITORED_FETCH],
  ['Function.prototype.toString, fetch and setTimeout, as Sentry does', SENTRY_LIKE],
]

describe('a host page that replaced a built-in a hidden frame has unchanged', () => {
  for (const [what, patch, check] of BYPASSED) {
    it(`${what}: the widget takes the frame's and works`, async () => {
      const loaded = await load(patch)
      const token = await expectWorks(loaded)
      await check(loaded, token)
      expect(await frames(loaded.page)).toBe(1)
      await loaded.close()
    })
  }
})

describe('a host page that broke what no frame can replace', () => {
  for (const [what, patch, named] of [
    ['Object.prototype.then', 'Object.prototype.then = function () {}', 'Object.prototype.then'],
    ['JSON.stringify, returning "{}"', `JSON.stringify = () => '{}'`, 'JSON'],
    ['Array.prototype.map, returning []', 'Array.prototype.map = function () { return [] }', 'Array.prototype.map'],
    ['Promise.prototype.then, never calling back', 'Promise.prototype.then = function () { return this }', 'Promise.prototype.then'],
    // Preact and nanostores schedule renders on the page's own setTimeout.
    ['setTimeout, never calling back', 'window.setTimeout = () => 1', 'setTimeout'],
    [
      'HTMLIFrameElement.prototype.contentWindow',
      `Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', { get() { return window } })`,
      'contentWindow',
    ],
  ]) {
    it(`${what}: one console error, the address untouched, nothing stored or sent`, async () => {
      const loaded = await load(patch)
      await expectRefused(loaded, named)
      await loaded.close()
    })
  }

  it('fetch, in new frames too (as an extension may): one console error, nothing stored or sent', async () => {
    const loaded = await load(`window.fetch = async () => ${FAKE_ANSWER}`, { everyFrame: true })
    await expectRefused(loaded, 'a new frame')
    await loaded.close()
  })
})

describe('a benign host page', () => {
  for (const [what, patch] of BENIGN) {
    it(`that replaced ${what}: the link is applied and the chat answers`, async () => {
      const loaded = await load(patch)
      await expectWorks(loaded)
      if (patch === ZONE_LIKE) expect(await loaded.page.evaluate(() => (window as unknown as { tasks: number }).tasks)).toBeGreaterThan(0)
      if (patch === MONITORED_FETCH) expect(await loaded.page.evaluate(() => (window as unknown as { traced: [] }).traced)).toEqual([])
      await loaded.close()
    })
  }

  it('that drops timers of more than 0 ms: the outbox retries on the frame’s', async () => {
    // The first session request fails; its retry is due on a timer of a second or so.
    let session = { failed: false }
    const before = async (page: Page) => {
      session = await failFirst(page, '/v1/bots/demo/session')
    }
    const loaded = await load('const set = window.setTimeout; window.setTimeout = (fn, ms) => (ms > 0 ? 0 : set(fn, ms))', { before })
    await expectWorks(loaded, { failed: true })
    expect(session.failed).toBe(true)
    await loaded.close()
  })

  it('that re-renders <html> and so removes the frame: the outbox retries and the chat carries on', async () => {
    const loaded = await load(ZONE_LIKE)
    const { page } = loaded
    const token = await expectWorks(loaded)
    // The next message fails once; its retry is due on a timer of the frame the page then removes.
    const message = await failFirst(page, '/v1/bots/demo/messages')
    await page.locator('doorway-widget button', { hasText: 'Main menu' }).last().click()
    await expect.poll(text(page.locator('doorway-widget .status'))).toContain('Connection lost')
    await page.evaluate(() => document.documentElement.replaceChildren(document.head, document.body))
    await expect.poll(count(page.locator('doorway-widget .replies button')), { timeout: 10_000 }).toBe(4)
    // A new frame, and the event stream reopened in it.
    expect(await frames(page)).toBe(1)
    await expectStreamed(page, token)
    expect(message.failed).toBe(true)
    expect(loaded.errors.filter((error) => !error.startsWith('Failed to load resource'))).toEqual([])
    await loaded.close()
  })

  it('that hides nothing from `* { all: unset !important }`: the frame stays hidden, and destroy removes it', async () => {
    const loaded = await load('', { fixture: 'hostile.html' })
    const { page } = loaded
    await expect.poll(visible(page.locator('doorway-widget .launcher'))).toBe(true)
    const frame = page.locator('iframe')
    const seen = await frame.evaluate((element: HTMLIFrameElement) => [
      element.hidden,
      element.tabIndex,
      element.getAttribute('aria-hidden'),
    ])
    expect(seen).toEqual([true, -1, 'true'])
    expect(await frame.evaluate((element) => element.parentNode === document.documentElement)).toBe(true)
    expect(await frame.boundingBox()).toBeNull()
    await page.evaluate(() => (window as unknown as { Doorway: (command: string) => void }).Doorway('destroy'))
    expect(await frames(page)).toBe(0)
    await loaded.close()
  })
})
