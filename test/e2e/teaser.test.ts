import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { count, root, text, useBrowserAndDemo, visible } from './harness.ts'

// The teaser beside the launcher, in Chromium against the demo: the tutorial link's (demo/bots/demo.json),
// on a page that lets the visitor open the chat (data-open="never": a link opens it by itself otherwise).
const env = useBrowserAndDemo()
const TUTORIAL = 'New here? I can show you around in a minute.'
const PAGE = readFileSync(join(root, 'test', 'fixtures', 'plain.html'), 'utf8').replace(
  'data-bot="demo"',
  'data-bot="demo" data-open="never"',
)

/** A page of `context` on plain.html with `search`, counting the requests for the chat's file. */
async function open(context: BrowserContext, search: string) {
  const page = await context.newPage()
  const chatRequests: string[] = []
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/doorway-ui.js') chatRequests.push(request.url())
  })
  await page.route(
    (url) => url.pathname === '/plain.html',
    (route) => route.fulfill({ contentType: 'text/html', body: PAGE }),
  )
  await page.goto(`${env.demo.base}/plain.html${search}`)
  await expect.poll(visible(page.locator('doorway-widget .launcher'))).toBe(true)
  return { page, chatRequests, teaser: page.locator('doorway-widget .teaser') }
}

describe('the teaser beside the launcher', () => {
  it("shows the link's teaser, stays dismissed after a reload, and loads no chat file until clicked", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } })
    const { page, chatRequests, teaser } = await open(context, '?ref=tutorial')
    await expect.poll(text(teaser.locator('.teaser-text'))).toBe(TUTORIAL)
    // Beside the launcher, on its side, at its height.
    const [box, launcher] = await Promise.all([teaser.boundingBox(), page.locator('doorway-widget .launcher').boundingBox()])
    expect(box && launcher && box.x + box.width < launcher.x && box.y + box.height > launcher.y).toBe(true)

    await teaser.locator('.teaser-close').click()
    await expect.poll(count(teaser)).toBe(0)
    expect(await page.evaluate(() => localStorage.getItem('doorway:demo:teaser'))).toBe(TUTORIAL)
    // The next page view: the backend still tells the link's teaser (the chat never opened), the widget keeps it hidden.
    const answered = page.waitForResponse((response) => response.url().endsWith('/session'))
    await page.reload()
    expect((await (await answered).json()).teaser).toBe(TUTORIAL)
    await expect.poll(visible(page.locator('doorway-widget .launcher'))).toBe(true)
    await page.waitForTimeout(500)
    expect(await teaser.count()).toBe(0)
    expect(chatRequests).toEqual([])
    await context.close()
  })

  it('opens the chat when clicked, at the place the link asked for, and is gone once it is open', async () => {
    const context = await env.browser.newContext({ viewport: { width: 375, height: 700 } })
    const { page, chatRequests, teaser } = await open(context, '?ref=tutorial')
    await expect.poll(visible(teaser)).toBe(true)
    const close = await teaser.locator('.teaser-close').boundingBox()
    // A touch target on a phone.
    expect([close?.width, close?.height]).toEqual([44, 44])
    expect(chatRequests).toEqual([])
    await teaser.locator('.teaser-text').click()
    await expect.poll(visible(page.locator('doorway-widget [role="dialog"]'))).toBe(true)
    expect(chatRequests).toHaveLength(1)
    expect(await teaser.count()).toBe(0)
    await expect.poll(count(page.locator('doorway-widget .message.bot'))).toBeGreaterThan(0)
    await page.locator('doorway-widget .launcher').evaluate((launcher: HTMLElement) => launcher.click())
    await expect.poll(visible(page.locator('doorway-widget [role="dialog"]'))).toBe(false)
    expect(await teaser.count()).toBe(0)
    await context.close()
  })
})
