import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWithExampleBot } from '../demo/bot-api/example-bot.ts'
import { count, launchBrowser, text, visible } from './harness.ts'

// The README's "Bring your own bot" in Chromium: the widget on a page of an external bot, whose
// replies come from the example bot's own program through the bot API and the event stream.

let browser: Browser
let setup: Awaited<ReturnType<typeof startWithExampleBot>>
beforeAll(async () => {
  // The example bot types for 2 s before its greeting: the typing signal reaches a widget whose
  // stream opens within that time (the hub tells a new stream), and a visitor sees it.
  ;[browser, setup] = await Promise.all([launchBrowser(), startWithExampleBot(2000)])
})
afterAll(async () => {
  await browser?.close()
  await setup?.close()
})

describe('an external bot in the widget', () => {
  it("shows the example bot's greeting by the link's fields, its typing, and its answers to a choice and to a typed message", async () => {
    const page = await browser.newPage()
    await page.goto(`${setup.base}/greeter.html?ref=spring--SPRING10&bs_ref=user:first_name:Ann`)
    // A link opens the chat.
    const panel = page.locator('doorway-widget [role="dialog"]')
    await expect.poll(visible(panel)).toBe(true)
    const bot = panel.locator('.message.bot')
    // The example bot says it is typing before it answers.
    await expect.poll(visible(panel.locator('.typing'))).toBe(true)
    await expect.poll(count(bot)).toBe(3)
    await expect.poll(text(bot.first())).toContain('Hi Ann! You came through the "spring" link.')
    await expect.poll(text(bot.nth(1))).toContain('Your coupon SPRING10 is saved for your order.')
    await expect.poll(visible(panel.locator('.typing'))).toBe(false)
    // Quick replies go with the last message: choose first, then type.
    await panel.getByRole('button', { name: 'Delivery' }).click()
    await expect.poll(text(bot.last())).toContain('Delivery takes 2 to 4 days.')
    const input = panel.getByRole('textbox')
    await input.fill('Do you ship to Norway?')
    await input.press('Enter')
    await expect.poll(text(bot.last())).toContain('You wrote: "Do you ship to Norway?".')
    await page.screenshot({ path: 'test-results/screenshots/external-bot.png' })
    expect(await setup.deliveries('failed')).toEqual([])
    await page.close()
  })
})
