import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { root, text, useBrowserAndDemo, visible } from './harness.ts'

// The loader (dist/doorway.js) and the chat's file (dist/doorway-ui.js), loaded when the chat is wanted.
const env = useBrowserAndDemo()

/** Opens plain.html with `search`, counting the requests for the chat's file; `blockChat` makes each one fail. */
async function open(search: string, { blockChat = false } = {}) {
  const page = await env.browser.newPage()
  const chatRequests: string[] = []
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/doorway-ui.js') chatRequests.push(request.url())
  })
  await page.route(
    (url) => url.pathname === '/plain.html',
    (route) => route.fulfill({ contentType: 'text/html', body: readFileSync(join(root, 'test', 'fixtures', 'plain.html')) }),
  )
  if (blockChat) await page.route(`${env.demo.base}/doorway-ui.js`, (route) => route.abort())
  await page.addInitScript(() => {
    const events: unknown[] = []
    Object.assign(window, { doorwayEvents: events })
    // The stub's queue: handlers registered before the loader ran.
    const queue: unknown[][] = [['on', 'error', (error: unknown) => events.push(['error', error])]]
    queue.push(['on', 'entry', ({ results }: { results: unknown[] }) => events.push(['entry', results.length])])
    for (const name of ['open', 'close']) queue.push(['on', name, () => events.push([name])])
    Object.assign(window, { Doorway: Object.assign(() => undefined, { q: queue }) })
  })
  await page.goto(`${env.demo.base}/plain.html${search}`)
  await expect.poll(visible(page.locator('doorway-widget .launcher'))).toBe(true)
  const events = () => page.evaluate(() => (window as unknown as { doorwayEvents: unknown[] }).doorwayEvents)
  return { page, chatRequests, events }
}

const ready = (page: Page) => page.evaluate(() => localStorage.getItem('doorway:demo:token') !== null)

describe('the chat’s file', () => {
  it('is never loaded on a page view where nothing asks for the chat, link or not', async () => {
    const { page, chatRequests, events } = await open('?bs_ref=user:email:ann%40example.com')
    await expect.poll(() => ready(page)).toBe(true)
    // The link without a flow or block does not open the chat: its fields arrive all the same.
    await expect.poll(events).toEqual([['entry', 1]])
    await page.waitForTimeout(1500)
    expect(chatRequests).toEqual([])
    expect(await page.locator('doorway-widget [role="dialog"]').count()).toBe(0)
    await page.close()
  })

  it('is loaded ahead of time when the launcher is hovered, and once only', async () => {
    const { page, chatRequests } = await open('')
    await page.locator('doorway-widget .launcher').hover()
    await expect.poll(() => chatRequests.length).toBe(1)
    await page.locator('doorway-widget .launcher').click()
    await expect.poll(visible(page.locator('doorway-widget [role="dialog"]'))).toBe(true)
    await expect.poll(text(page.locator('doorway-widget .message.bot .bubble').first())).toBe('Hi there! Welcome to Doorway Shoes.')
    expect(chatRequests).toHaveLength(1)
    await page.close()
  })

  it('blocked: the link’s fields still arrive, each failed load is an error event, and it is retried', async () => {
    const { page, chatRequests, events } = await open('?ref=giveaway--456', { blockChat: true })
    const token = await page.evaluate(() => localStorage.getItem('doorway:demo:token') as string)
    await expect.poll(async () => (await env.demo.contactOf(token)).fields).toContainEqual({ id: '738', name: 'coupon', value: '456' })
    // The link opened the chat: the loader wants its file, and tries again after a second.
    await expect.poll(() => chatRequests.length, { timeout: 5000 }).toBeGreaterThanOrEqual(2)
    const errors = (await events()).filter((event) => (event as unknown[])[0] === 'error')
    expect(errors[0]).toEqual([
      'error',
      { code: 'chat_unavailable', message: `the chat could not be loaded from ${env.demo.base}/doorway-ui.js`, retrying: true },
    ])
    // Commands and events work as with the chat: the launcher says it is open, and closes it.
    const launcher = page.locator('doorway-widget .launcher')
    expect(await launcher.getAttribute('aria-expanded')).toBe('true')
    await page.evaluate(() => (window as unknown as { Doorway(command: string): void }).Doorway('close'))
    expect(await launcher.getAttribute('aria-expanded')).toBe('false')
    await launcher.click()
    expect(await launcher.getAttribute('aria-label')).toBe('Close chat')
    const opens = (await events()).filter((event) => ['open', 'close'].includes((event as string[])[0]))
    // The stub's handlers are registered before the link opens the chat: they see that opening too.
    expect(opens).toEqual([['open'], ['close'], ['open']])
    await page.close()
  })
})
