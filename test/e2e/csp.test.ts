import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { text, useBrowserAndDemo, visible } from './harness.ts'

// A page under a strict Content-Security-Policy, with the script and the backend on its origin:
// `frame-src 'none'` governs what frames load, not the about:blank frame the widget takes its
// built-ins from (widget/page/platform.ts).
const env = useBrowserAndDemo()

const POLICY = "default-src 'self'; frame-src 'none'; script-src 'self'"
const PAGE =
  '<!doctype html><html lang="en"><body><p>A strict page.</p><script src="/doorway.js" data-bot="demo" async></script></body></html>'

// Working wrappers that do not print as native code, as zone.js's: the frame's built-ins are used.
const WRAPPED = `if (window === window.top) {
  window.fetches = 0
  const fetch = window.fetch
  window.fetch = function (...args) { window.fetches++; return fetch.apply(window, args) }
  for (const name of ['setTimeout', 'clearTimeout', 'EventSource']) {
    const original = window[name]
    window[name] = name === 'EventSource' ? function (url) { return new original(url) } : function (...args) { return original.apply(window, args) }
  }
}`

async function open(patch: string): Promise<{ page: Page; errors: string[] }> {
  const page = await (await env.browser.newContext()).newPage()
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  if (patch) await page.addInitScript(patch)
  await page.route(
    (url) => url.pathname === '/strict.html',
    (route) => route.fulfill({ contentType: 'text/html', headers: { 'Content-Security-Policy': POLICY }, body: PAGE }),
  )
  await page.goto(`${env.demo.base}/strict.html?ref=giveaway--456`)
  return { page, errors }
}

describe('a page with a strict Content-Security-Policy', () => {
  for (const [what, patch] of [
    ['and the browser’s own built-ins', ''],
    ['and wrapped fetch, timers and EventSource', WRAPPED],
  ]) {
    it(`${what}: the frame is not blocked; the link is applied and the chat answers`, async () => {
      const { page, errors } = await open(patch)
      await expect.poll(() => page.evaluate(() => location.search)).toBe('')
      const token = await page.evaluate(() => localStorage.getItem('doorway:demo:token') as string)
      await expect.poll(async () => (await env.demo.contactOf(token)).fields).toContainEqual({ id: '738', name: 'coupon', value: '456' })
      const bot = page.locator('doorway-widget .message.bot .bubble')
      await expect.poll(text(bot.first())).toBe("You're in the giveaway with ticket 456.")
      // The bot asks for an email: a typed message, sent and answered.
      await expect.poll(() => bot.allTextContents()).toContain('Which email should we write to if you win?')
      await page.locator('doorway-widget .composer textarea').fill('ann@example.com')
      await page.keyboard.press('Enter')
      await expect.poll(() => bot.allTextContents()).toContain("Thanks! We'll write to ann@example.com if you win.")
      // Wrapped, the page's fetch is passed by: the frame's made every request.
      if (patch) expect(await page.evaluate(() => (window as unknown as { fetches: number }).fetches)).toBe(0)
      const frame = page.locator('iframe')
      expect(await frame.evaluate((element) => getComputedStyle(element).display)).toBe('none')
      expect(await visible(frame)()).toBe(false)
      // The widget's CSS is a constructable sheet, which style-src does not govern: nothing fails.
      expect(errors).toEqual([])
      await page.context().close()
    })
  }
})

// Every securitypolicyviolation of the page and its frames, counted in the top window.
const COUNT_VIOLATIONS = `window.addEventListener('securitypolicyviolation', (event) => {
  const top = window.top
  top.violations = top.violations || []
  top.violations.push(event.effectiveDirective + ' ' + event.blockedURI)
})`

/** Serves `body` at /strict.html under `policy` (and `scripts` beside it), opens it with `search`, and collects console errors and warnings. */
async function openStrict(policy: string, body: string, search = '', scripts: Record<string, string> = {}, patch = '') {
  const page = await (await env.browser.newContext()).newPage()
  const console: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') console.push(message.text())
  })
  page.on('pageerror', (error) => console.push(error.message))
  await page.addInitScript(COUNT_VIOLATIONS)
  if (patch) await page.addInitScript(patch)
  await page.route(
    (url) => url.pathname === '/strict.html',
    (route) => route.fulfill({ contentType: 'text/html', headers: { 'Content-Security-Policy': policy }, body }),
  )
  await page.route(
    (url) => Object.hasOwn(scripts, url.pathname),
    (route) => route.fulfill({ contentType: 'text/javascript', body: scripts[new URL(route.request().url()).pathname] }),
  )
  await page.goto(`${env.demo.base}/strict.html${search}`)
  const violations = () => page.evaluate(() => (window as unknown as { violations?: string[] }).violations ?? [])
  return { page, console, violations }
}

const EVENTS = `Doorway('on', 'entry', ({ results }) => { document.body.dataset.entry = results.length })`

describe('the policies of the issue: fully styled, working, and 0 violations', () => {
  const nonce = 'cmFuZG9tLW5vbmNl'
  const cases = [
    {
      what: "nonces with 'strict-dynamic', and the inline stub given the nonce",
      policy: (api: string) =>
        `default-src 'none'; script-src 'nonce-${nonce}' 'strict-dynamic'; style-src 'nonce-${nonce}'; connect-src ${api}; img-src ${api}`,
      head: `<script nonce="${nonce}">window.Doorway = window.Doorway || ((...args) => { window.Doorway.q = window.Doorway.q || []; window.Doorway.q.push(args) }); ${EVENTS}</script>
<script nonce="${nonce}" src="/doorway.js" data-bot="demo" async></script>`,
    },
    {
      what: "'self' only, with the stub as a file",
      policy: () => "script-src 'self'; style-src 'self'",
      head: '<script src="/doorway-stub.js"></script><script src="/csp-events.js"></script><script src="/doorway.js" data-bot="demo" async></script>',
    },
  ]
  for (const { what, policy, head } of cases) {
    it(what, async () => {
      const body = `<!doctype html><html lang="en"><head>${head}</head><body><p>A strict page.</p></body></html>`
      const { page, console, violations } = await openStrict(policy(env.demo.base), body, '?ref=giveaway--456', {
        '/csp-events.js': EVENTS,
      })
      // The link is applied, the stub's queued handler hears of it, the chat answers.
      await expect.poll(() => page.evaluate(() => document.body.dataset.entry)).toBe('2')
      const bot = page.locator('doorway-widget .message.bot .bubble')
      await expect.poll(text(bot.first())).toBe("You're in the giveaway with ticket 456.")
      // Styled: the launcher is the round blue button at the corner, the panel a floating card.
      const launcher = page.locator('doorway-widget .launcher')
      const style = await launcher.evaluate((element) => {
        const { position, backgroundColor, borderRadius } = getComputedStyle(element)
        return { position, backgroundColor, borderRadius }
      })
      expect(style).toEqual({ position: 'fixed', backgroundColor: 'rgb(31, 111, 235)', borderRadius: '50%' })
      expect(await page.locator('doorway-widget .panel').evaluate((element) => getComputedStyle(element).display)).toBe('flex')
      expect(await violations()).toEqual([])
      expect(console).toEqual([])
      await page.context().close()
    })
  }
})

describe('a policy whose connect-src leaves out the backend', () => {
  // Wrapped, the requests come from the hidden frame: its violations are heard too.
  it.each([
    ['the page’s fetch', ''],
    ['the frame’s fetch', WRAPPED],
  ])('is named once in the console, and the widget stops trying: %s', async (_, patch) => {
    const body = `<!doctype html><html lang="en"><body><script src="/doorway.js" data-bot="demo" async></script></body></html>`
    const policy = "default-src 'self'; connect-src 'none'"
    const { page, console, violations } = await openStrict(policy, body, '?ref=giveaway--456', {}, patch)
    await expect
      .poll(() => console.filter((line) => line.startsWith('Doorway:')))
      .toEqual([
        `Doorway: this page's Content-Security-Policy (connect-src) blocks the bot backend at ${env.demo.base}; the widget stops trying.`,
      ])
    const seen = (await violations()).length
    expect(seen).toBeGreaterThan(0)
    // The outbox would have retried within a second, then two: nothing is tried any more.
    await page.waitForTimeout(3500)
    expect((await violations()).length).toBe(seen)
    await page.context().close()
  })
})
