import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { useBrowserAndDemo, visible } from './harness.ts'

const env = useBrowserAndDemo()

const LINK = 'ref=FLOW9--email--ann%40example.com--account_id--42'
const PERSONAL = ['ann@example.com', 'ann%40example.com', 'FLOW9', 'account_id']

const address = (page: Page) => () => page.evaluate(() => location.pathname + location.search + location.hash)
/** Every key and value the page's origin holds in localStorage, as one text. */
const storage = (page: Page) => page.evaluate(() => JSON.stringify(Object.entries(localStorage)))
const outboxKeys = (page: Page) => () =>
  page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('doorway:demo:outbox')))

async function expectNothingPersonal(page: Page): Promise<void> {
  const stored = await storage(page)
  for (const piece of PERSONAL) expect(stored, `localStorage holds ${piece}`).not.toContain(piece)
}

async function visit(page: Page, query: string): Promise<void> {
  await page.goto(`${env.demo.base}/${query}`)
  await expect.poll(visible(page.locator('doorway-widget .launcher'))).toBe(true)
}

describe("a link's personal data in the browser", () => {
  it('leaves the address on every view of the link, and storage once the backend has it', async () => {
    const context = await env.browser.newContext()
    const page = await context.newPage()
    await visit(page, `?p=demo&${LINK}`)
    await expect.poll(address(page)).toBe('/?p=demo')
    const token = await page.evaluate(() => localStorage.getItem('doorway:demo:token') as string)
    await expect.poll(async () => (await env.demo.contactOf(token)).user?.email).toBe('ann@example.com')
    await expect.poll(outboxKeys(page)).toEqual([])
    await expectNothingPersonal(page)

    // The applied-once memory holds salted hashes of the query, nothing readable.
    const applied = await page.evaluate(() => JSON.parse(localStorage.getItem('doorway:demo:applied') ?? '{}'))
    expect(Object.keys(applied)).toHaveLength(1)
    expect(Object.keys(applied)[0]).toMatch(/^[0-9a-f]{16}$/)

    // The same link again within 30 minutes: not applied again, and still scrubbed, also after a reload.
    await visit(page, '')
    await visit(page, `?p=demo&${LINK}`)
    await expect.poll(address(page)).toBe('/?p=demo')
    await page.reload()
    await expect.poll(visible(page.locator('doorway-widget .launcher'))).toBe(true)
    await expect.poll(address(page)).toBe('/?p=demo')
    await expect.poll(outboxKeys(page)).toEqual([])
    await expectNothingPersonal(page)
    const links = await env.demo.admin('/links')
    expect(links.links.find((l: { link: string }) => l.link === 'FLOW9')).toMatchObject({ opens: 1 })
    await context.close()
  })

  it('leaves the address when the link is for another bot, which is not applied', async () => {
    const context = await env.browser.newContext()
    const page = await context.newPage()
    const warnings: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text())
    })
    await visit(page, `?p=other&${LINK}#top`)
    await expect.poll(address(page)).toBe('/?p=other#top')
    expect(warnings).toContain('Doorway: this link is for bot "other", not "demo"; it is not applied')
    await expect.poll(outboxKeys(page)).toEqual([])
    await expectNothingPersonal(page)
    const token = await page.evaluate(() => localStorage.getItem('doorway:demo:token') as string)
    expect((await env.demo.contactOf(token)).user?.email).toBeUndefined()
    await context.close()
  })
})
