import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { count, text, useBrowserAndDemo } from './harness.ts'

const env = useBrowserAndDemo()

async function openChat(context: BrowserContext): Promise<Page> {
  const page = await context.newPage()
  await page.goto(`${env.demo.base}/`)
  await page.locator('doorway-widget .launcher').click()
  await expect.poll(text(page.locator('doorway-widget .message.bot .bubble').first())).toBe('Hi there! Welcome to Doorway Shoes.')
  return page
}

async function say(page: Page, ...lines: string[]): Promise<void> {
  const input = page.locator('doorway-widget .composer textarea')
  for (const line of lines) {
    await input.fill(line)
    await input.press('Enter')
  }
  await expect.poll(count(page.locator('doorway-widget .pending'))).toBe(lines.length)
}

describe('two tabs of one site', () => {
  it('keep every message both queued offline; the next visit delivers each once', async () => {
    const context = await env.browser.newContext()
    const first = await openChat(context)
    const second = await openChat(context)
    await context.setOffline(true)
    await say(first, 'first tab, one', 'first tab, two')
    await say(second, 'second tab, one', 'second tab, two')
    // Both tabs retry meanwhile, each writing its own outbox: the last writer must not win.
    await first.waitForTimeout(2500)
    await first.close()
    await second.close()

    await context.setOffline(false)
    const next = await context.newPage()
    await next.goto(`${env.demo.base}/`)
    const token = await next.evaluate(() => localStorage.getItem('doorway:demo:token') as string)
    const visitorTexts = async () =>
      ((await env.demo.contactOf(token)).messages as { from: string; text?: string }[])
        .filter((message) => message.from === 'visitor')
        .map((message) => message.text)
        .sort()
    await expect.poll(visitorTexts, { timeout: 20_000 }).toEqual(['first tab, one', 'first tab, two', 'second tab, one', 'second tab, two'])
    // Everything acknowledged has left the browser's storage.
    const outboxKeys = () => next.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('doorway:demo:outbox')))
    await expect.poll(outboxKeys).toEqual([])
    expect(await visitorTexts()).toHaveLength(4)
    await context.close()
  }, 60_000)
})
