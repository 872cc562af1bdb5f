import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { count, freePort, root, text, useBrowserAndDemo, visible } from './harness.ts'

const env = useBrowserAndDemo(freePort)

const STATIC: Record<string, [string, string]> = {
  '/': ['index.html', 'text/html'],
  '/doorway.js': ['dist/doorway.js', 'text/javascript'],
  '/doorway-ui.js': ['dist/doorway-ui.js', 'text/javascript'],
  '/doorway-stub.js': ['demo/public/doorway-stub.js', 'text/javascript'],
  '/qa.js': ['demo/public/qa.js', 'text/javascript'],
  '/qa.css': ['demo/public/qa.css', 'text/css'],
  '/shoe.svg': ['demo/public/shoe.svg', 'image/svg+xml'],
}

/** Serves the page and the script from disk, so they load while the backend is down; the API is not routed. */
async function servePageFromDisk(page: Page): Promise<void> {
  await page.route(
    (url) => Object.hasOwn(STATIC, url.pathname),
    (route) => {
      const [file, type] = STATIC[new URL(route.request().url()).pathname]
      return route.fulfill({ status: 200, contentType: type, body: readFileSync(join(root, file)) })
    },
  )
}

describe('the backend stopped for a while, then restarted', () => {
  it("delivers the link's fields and the visitor's message once, across a reload", async () => {
    await env.demo.stop()
    const page = await env.browser.newPage()
    await servePageFromDisk(page)
    await page.goto(`http://127.0.0.1:${env.port}/?ref=giveaway--777&bs_ref=user:email:ann%40example.com`)
    const panel = page.locator('doorway-widget [role="dialog"]')
    await expect.poll(visible(panel)).toBe(true)
    await expect.poll(text(page.locator('doorway-widget .status'))).toContain('Connection lost')
    await expect.poll(() => page.evaluate(() => location.search)).toBe('')

    await page.locator('doorway-widget .composer textarea').fill('Is size 44 in stock?')
    await page.keyboard.press('Enter')
    await expect.poll(text(page.locator('doorway-widget .pending .note'))).toMatch(/Sending…|Not sent yet: retrying/)

    // The visitor reloads while the backend is still down: the outbox is in localStorage.
    // Each item under its own key, ordered by its creation stamp.
    const queued = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((key) => key.startsWith('doorway:demo:outbox:'))
        .map((key) => JSON.parse(localStorage.getItem(key) as string) as { at: number; item: { kind: string } })
        .sort((a, b) => a.at - b.at)
        .map((entry) => entry.item.kind),
    )
    expect(queued).toEqual(['session', 'open', 'message'])
    await page.reload()
    await page.locator('doorway-widget .launcher').click()
    await expect.poll(count(page.locator('doorway-widget .pending'))).toBe(1)

    await env.demo.restart()
    const bubbles = page.locator('doorway-widget .message .bubble')
    await expect
      .poll(() => bubbles.allTextContents(), { timeout: 40_000 })
      .toEqual(expect.arrayContaining(["You're in the giveaway with ticket 777.", 'Is size 44 in stock?']))
    await expect.poll(count(page.locator('doorway-widget .pending'))).toBe(0)
    await expect.poll(count(page.locator('doorway-widget .status'))).toBe(0)

    const token = await page.evaluate(() => localStorage.getItem('doorway:demo:token') as string)
    const contact = await env.demo.contactOf(token)
    expect(contact.fields).toContainEqual({ id: '738', name: 'coupon', value: '777' })
    expect(contact.user.email).toBe('ann@example.com')
    expect(
      contact.messages.filter((m: { from: string; text?: string }) => m.from === 'visitor' && m.text === 'Is size 44 in stock?'),
    ).toHaveLength(1)
    const links = await env.demo.admin('/links')
    expect(links.links.find((l: { link: string }) => l.link === 'giveaway')).toMatchObject({ opens: 1 })
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('doorway:demo:outbox')))).toEqual([])
    await page.close()
  }, 90_000)
})
