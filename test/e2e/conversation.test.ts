import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { count, focused, text, useBrowserAndDemo, visible } from './harness.ts'

// A whole conversation as two kinds of visitor have it, in Chromium against the demo backend:
// with the keyboard alone (no click, no fill), and with a finger on a 375 px phone.
const env = useBrowserAndDemo()
const w = (page: Page, selector: string, options?: Parameters<Page['locator']>[1]) => page.locator(`doorway-widget ${selector}`, options)
const lastBot = (page: Page) => w(page, '.message.bot .bubble').last()

/** The widget's focused control, as "TAG label". */
const focusedControl = (page: Page) =>
  page.evaluate(() => {
    const inside = document.querySelector('doorway-widget')?.shadowRoot?.activeElement
    return inside
      ? `${inside.tagName} ${inside.getAttribute('aria-label') ?? inside.textContent}`
      : `page ${document.activeElement?.tagName}`
  })

/** Presses Tab (or Shift+Tab) until the focused control's label starts with `label`; at most `limit` presses. */
async function tabTo(page: Page, label: string, key = 'Tab', limit = 40) {
  for (let i = 0; i < limit; i++) {
    if ((await focusedControl(page)).includes(label)) return
    await page.keyboard.press(key)
  }
  throw new Error(`${key} never reached "${label}"; at ${await focusedControl(page)}`)
}

describe('a conversation with the keyboard alone', () => {
  it('reaches the launcher from the page, answers a quick reply and a question, writes two lines, and closes', async () => {
    const page = await (await env.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()
    await page.goto(`${env.demo.base}/`)
    await expect.poll(visible(w(page, '.launcher'))).toBe(true)
    // From the top of the page, Tab reaches the launcher like any link.
    await tabTo(page, 'Open chat')
    await page.keyboard.press('Enter')
    await expect.poll(count(w(page, '.replies button'))).toBe(4)
    await expect.poll(focused(w(page, '.composer textarea'))).toBe(true)

    // Back from the field to the quick replies, and Enter on one.
    await tabTo(page, 'Find my size', 'Shift+Tab')
    await page.keyboard.press('Enter')
    await expect.poll(text(lastBot(page))).toBe('What shoe size do you wear? (36 to 46)')
    // The answered quick replies are gone: focus went on to the field, where typing goes.
    await expect.poll(focused(w(page, '.composer textarea'))).toBe(true)
    await page.keyboard.type('42')
    await page.keyboard.press('Enter')
    await expect.poll(text(w(page, '.message.bot .bubble').nth(-2))).toBe('Size 42 noted: the Trail Runner is in stock in black.')

    // Two lines with Shift+Enter, sent with Enter.
    await page.keyboard.type('Thanks!')
    await page.keyboard.press('Shift+Enter')
    await page.keyboard.type('Bye')
    await page.keyboard.press('Enter')
    await expect.poll(text(w(page, '.message.visitor .bubble').last())).toBe('Thanks!\nBye')

    // The close button by Tab, then Enter: closed, focus back on the launcher.
    await tabTo(page, 'Close chat')
    await page.keyboard.press('Enter')
    await expect.poll(count(w(page, '[role="dialog"]'))).toBe(0)
    await expect.poll(focused(w(page, '.launcher'))).toBe(true)
    expect(await w(page, '.launcher').getAttribute('aria-label')).toBe('Open chat')
    await page.context().close()
  })
})

describe('a conversation by touch, at 375 px', () => {
  it('opens full screen, taps chips and buttons, types and sends, and closes with the close button', async () => {
    const context = await env.browser.newContext({
      viewport: { width: 375, height: 667 },
      hasTouch: true,
      isMobile: true,
      deviceScaleFactor: 2,
    })
    const page = await context.newPage()
    await page.goto(`${env.demo.base}/`)
    await expect.poll(visible(w(page, '.launcher'))).toBe(true)
    await w(page, '.launcher').tap()
    await expect.poll(count(w(page, '.replies button'))).toBe(4)
    await expect.poll(() => w(page, '[role="dialog"]').boundingBox()).toEqual({ x: 0, y: 0, width: 375, height: 667 })

    await w(page, '.replies button', { hasText: 'Browse shoes' }).tap()
    await expect.poll(count(w(page, '.message .card'))).toBe(1)
    await w(page, '.buttons button', { hasText: 'Find my size' }).tap()
    await expect.poll(text(lastBot(page))).toBe('What shoe size do you wear? (36 to 46)')
    await w(page, '.composer textarea').tap()
    await page.keyboard.type('44')
    await w(page, '.composer button').tap()
    await expect.poll(text(w(page, '.message.visitor .bubble').last())).toBe('44')
    await expect.poll(text(w(page, '.message.bot .bubble').nth(-2))).toContain('Size 44 noted')
    // The newest message is in view, above the composer.
    const newest = (await lastBot(page).boundingBox()) as { y: number; height: number }
    const composer = (await w(page, '.composer').boundingBox()) as { y: number }
    expect(newest.y + newest.height).toBeLessThanOrEqual(composer.y)
    expect(newest.y).toBeGreaterThanOrEqual(0)

    await w(page, '.close').tap()
    await expect.poll(count(w(page, '[role="dialog"]'))).toBe(0)
    await context.close()
  })
})
