import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { useBrowserAndDemo, visible } from './harness.ts'

// In Chromium against the real backend: commands a page awaits, consent, and links that
// arrive by client-side navigation (README, "Commands you can await", "Consent", "Single-page apps").

const env = useBrowserAndDemo()

/** A page of the demo's origin with only the widget's script tag, carrying `attributes`, and the promise stub before it. */
async function page(search: string, attributes = '') {
  const context = await env.browser.newContext()
  const tab = await context.newPage()
  const requests: string[] = []
  tab.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/v1/')) requests.push(new URL(request.url()).pathname)
  })
  await tab.route(
    (url) => url.pathname === '/spa.html',
    (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body><main id="app">app</main>
<script src="/doorway-stub.js"></script>
<script src="/doorway.js" data-bot="demo" ${attributes} async></script></body></html>`,
      }),
  )
  await tab.goto(`${env.demo.base}/spa.html${search}`)
  return { tab, requests, close: () => context.close() }
}

const token = (tab: Page) => tab.evaluate(() => localStorage.getItem('doorway:demo:token') as string)
const address = (tab: Page) => () => tab.evaluate(() => location.pathname + location.search)

describe('commands you can await, in Chromium', () => {
  it('set resolves only once the backend has stored the value, and rejects a refused one with its reason', async () => {
    const { tab, close } = await page('')
    await expect.poll(visible(tab.locator('doorway-widget .launcher'))).toBe(true)
    // Awaited through the stub's promise, then read straight from the backend.
    const results = await tab.evaluate(() =>
      (window as unknown as { Doorway(...args: unknown[]): Promise<unknown> }).Doorway('set', { fields: { coupon: 'AWAIT-1' } }),
    )
    expect(results).toEqual([{ type: 'field', key: 'coupon', value: 'AWAIT-1', status: 'stored' }])
    const stored = await env.demo.contactOf(await token(tab))
    expect(stored.fields).toContainEqual({ id: '738', name: 'coupon', value: 'AWAIT-1' })

    const refused = await tab.evaluate(() =>
      (window as unknown as { Doorway(...args: unknown[]): Promise<unknown> })
        .Doorway('set', { user: { email: 'not an address' }, fields: { coupon: 'AWAIT-2' } })
        .then(
          () => 'resolved',
          (error: { code: string; refusals: { key: string; code: string }[] }) => ({
            code: error.code,
            refused: error.refusals.map((r) => [r.key, r.code]),
          }),
        ),
    )
    expect(refused).toEqual({ code: 'values_refused', refused: [['email', 'wrong_type']] })
    expect((await env.demo.contactOf(await token(tab))).fields).toContainEqual({ id: '738', name: 'coupon', value: 'AWAIT-2' })
    // open resolves with the panel on screen.
    const shown = await tab.evaluate(async () => {
      await (window as unknown as { Doorway(command: string): Promise<unknown> }).Doorway('open')
      const panel = document.querySelector('doorway-widget')?.shadowRoot?.querySelector('[role="dialog"]') as HTMLElement | null
      return panel !== null && panel.getBoundingClientRect().height > 0
    })
    expect(shown).toBe(true)
    await close()
  })
})

describe('single-page apps, in Chromium', () => {
  it('applies a link pushed by history.pushState once and scrubs it; the same link again is not applied', async () => {
    const { tab, close } = await page('')
    // Every session the page posts, by its body, counted when the browser sends it: a
    // count read from the page's resource timings misses a request still being answered.
    const linkSessions: string[] = []
    tab.on('request', (request) => {
      if (request.url().endsWith('/session') && (request.postData() ?? '').includes('SPA-456')) linkSessions.push(request.postData() ?? '')
    })
    await expect.poll(visible(tab.locator('doorway-widget .launcher'))).toBe(true)
    const answered = tab.waitForResponse((r) => r.url().endsWith('/session') && (r.request().postData() ?? '').includes('SPA-456'))
    await tab.evaluate(() => history.pushState({ route: 'offer' }, '', '/spa.html?ref=giveaway--SPA-456&tab=2'))
    await expect.poll(address(tab)).toBe('/spa.html?tab=2')
    expect((await answered).ok()).toBe(true)
    const visitor = await token(tab)
    await expect
      .poll(async () => (await env.demo.contactOf(visitor)).fields)
      .toContainEqual({ id: '738', name: 'coupon', value: 'SPA-456' })
    expect(await tab.evaluate(() => history.state)).toEqual({ route: 'offer' })
    expect(linkSessions).toHaveLength(1)
    await tab.evaluate(() => history.pushState(null, '', '/spa.html?ref=giveaway--SPA-456&tab=2'))
    await expect.poll(address(tab)).toBe('/spa.html?tab=2')
    await tab.waitForTimeout(500)
    expect(linkSessions).toHaveLength(1)
    // The app re-renders the body: the widget is still there.
    await tab.evaluate(() => {
      document.body.innerHTML = '<main id="app">another route</main>'
    })
    await expect.poll(visible(tab.locator('doorway-widget .launcher'))).toBe(true)
    await close()
  })
})

describe('consent, in Chromium', () => {
  it('stores nothing and sends nothing until consent, scrubs the link at once, then applies it', async () => {
    const { tab, requests, close } = await page('?ref=giveaway--CONSENT-9&utm_source=mail', 'data-consent="required"')
    await expect.poll(address(tab)).toBe('/spa.html?utm_source=mail')
    const early = tab.evaluate(() =>
      (window as unknown as { Doorway(...args: unknown[]): Promise<unknown> }).Doorway('set', { variables: { color: 'teal' } }),
    )
    await tab.waitForTimeout(1500)
    expect(requests).toEqual([])
    expect(await tab.evaluate(() => Object.keys(localStorage).length + Object.keys(sessionStorage).length)).toBe(0)
    expect(await tab.evaluate(() => document.cookie)).toBe('')
    expect(await tab.locator('doorway-widget').count()).toBe(0)

    await tab.evaluate(() => (window as unknown as { Doorway(...args: unknown[]): Promise<unknown> }).Doorway('consent', true))
    await expect(early).resolves.toEqual([{ type: 'variable', key: 'color', value: 'teal', status: 'stored' }])
    const visitor = await token(tab)
    const contact = await env.demo.contactOf(visitor)
    expect(contact.fields).toContainEqual({ id: '738', name: 'coupon', value: 'CONSENT-9' })
    expect(contact.variables).toMatchObject({ color: 'teal' })
    expect(requests[0]).toBe('/v1/bots/demo/session')

    // Withdrawn: every key of the widget goes.
    await tab.evaluate(() => (window as unknown as { Doorway(...args: unknown[]): Promise<unknown> }).Doorway('consent', false))
    expect(await tab.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('doorway:')))).toEqual([])
    expect(await tab.locator('doorway-widget').count()).toBe(0)
    await close()
  })
})
