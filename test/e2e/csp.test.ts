import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { text, useBrowserAndDemo, visible } from './harness.ts'

// A page under a strict Content-Security-Policy, with the script and the backend on its origin:
// `frame-src 'none'` governs what frames load, not the about:blank frame the widget takes its
// built-ins from (widget/embed/platform.ts).
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
      await page.locator('doorway-widget .composer input').fill('ann@example.com')
      await page.keyboard.press('Enter')
      await expect.poll(() => bot.allTextContents()).toContain("Thanks! We'll write to ann@example.com if you win.")
      // Wrapped, the page's fetch is passed by: the frame's made every request.
      if (patch) expect(await page.evaluate(() => (window as unknown as { fetches: number }).fetches)).toBe(0)
      const frame = page.locator('iframe')
      expect(await frame.evaluate((element) => getComputedStyle(element).display)).toBe('none')
      expect(await visible(frame)()).toBe(false)
      // The widget's <style> in its shadow root is inline style, which this policy blocks; nothing else fails.
      expect(errors.filter((error) => !error.startsWith('Applying inline style violates'))).toEqual([])
      await page.context().close()
    })
  }
})
