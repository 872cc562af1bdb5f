import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { signLink } from '../../demo/bot/signing.ts'
import { encodeBase64Url } from '../../widget/entry/base64url.ts'
import { attribute, count, focused, root, text, useBrowserAndDemo, visible } from './harness.ts'

const env = useBrowserAndDemo()

async function visit(query: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await env.browser.newContext({ viewport })
  const page = await context.newPage()
  page.on('pageerror', (error) => {
    throw error
  })
  await page.goto(`${env.demo.base}/${query}`)
  return page
}

const botBubbles = (page: Page) => page.locator('doorway-widget .message.bot .bubble')
const tokenOf = (page: Page) => page.evaluate(() => localStorage.getItem('doorway:demo:token') as string)
const path = (page: Page) => page.evaluate(() => location.pathname + location.search + location.hash)

describe('a campaign link, for each dialect', () => {
  it("dashed: opens the chat at the link's block, stores the payload, cleans the address", async () => {
    const page = await visit('?utm_source=mail&ref=giveaway--456&utm_campaign=spring#sale')
    await expect.poll(text(botBubbles(page).first())).toBe("You're in the giveaway with ticket 456.")
    await expect.poll(visible(page.locator('doorway-widget [role="dialog"]'))).toBe(true)
    await expect.poll(() => path(page)).toBe('/?utm_source=mail&utm_campaign=spring#sale')
    const contact = await env.demo.contactOf(await tokenOf(page))
    expect(contact.fields).toContainEqual({ id: '738', name: 'coupon', value: '456' })
    await page.screenshot({ path: `${root}/test-results/screenshots/widget-open.png` })

    // A reload shows the same conversation and does not apply the link again.
    const before = await botBubbles(page).allTextContents()
    await page.reload()
    await page.locator('doorway-widget .launcher').click()
    await expect.poll(count(botBubbles(page))).toBe(before.length)
    expect(await botBubbles(page).allTextContents()).toEqual(before)
    const links = await env.demo.admin('/links')
    expect(links.links.find((l: { link: string }) => l.link === 'giveaway')).toMatchObject({ opens: 1, contactsWithFields: 1 })
    // Away and back again: the history entry holds the clean address, so nothing is applied again.
    await page.goto(`${env.demo.base}/index.html?elsewhere=1`)
    await page.goBack()
    await expect.poll(() => path(page)).toBe('/?utm_source=mail&utm_campaign=spring#sale')
    await page.locator('doorway-widget .launcher').click()
    await expect.poll(count(botBubbles(page))).toBe(before.length)
    const after = await env.demo.admin('/links')
    expect(after.links.find((l: { link: string }) => l.link === 'giveaway')).toMatchObject({ opens: 1 })
    await page.context().close()
  })

  it('segments: starts at the block of bs_ref and stores attributes, fields and variables', async () => {
    const page = await visit(
      '?bs_ref=block:s58fa63fe-6791-42bf-8674-fd4c377aa44f;user:gender:female;user:Source:Facebook;variables:color:black',
    )
    await expect.poll(text(botBubbles(page).first())).toBe('Summer sale: 20% off every pair in black.')
    await expect.poll(() => path(page)).toBe('/')
    const contact = await env.demo.contactOf(await tokenOf(page))
    expect(contact).toMatchObject({ user: { gender: 'female' }, variables: { color: 'black' } })
    expect(contact.fields).toContainEqual({ id: 'Source', name: 'Source', value: 'Facebook' })
    await page.context().close()
  })

  it('base64json: stores the email and variables without opening the chat; opening starts at the default block', async () => {
    const ref = encodeBase64Url(JSON.stringify({ e: 'ann@example.com', eId: 'CRM-9', v: { city: 'Lyon' } }))
    const page = await visit(`?ref=${ref}`)
    await expect.poll(async () => (await env.demo.contactOf(await tokenOf(page))).user?.email).toBe('ann@example.com')
    // The chat was never opened, and the fields are on the backend all the same.
    await expect.poll(count(page.locator('doorway-widget [role="dialog"]'))).toBe(0)
    const contact = await env.demo.contactOf(await tokenOf(page))
    expect(contact).toMatchObject({ externalId: 'CRM-9', variables: { city: 'Lyon' }, started: false })
    await expect.poll(() => path(page)).toBe('/')
    await page.locator('doorway-widget .launcher').click()
    await expect.poll(text(botBubbles(page).first())).toBe('Hi there! Welcome to Doorway Shoes.')
    await page.context().close()
  })
})

describe('a signed link', () => {
  it('carries its signature to the backend, which then trusts its user_id; sig and exp leave the address', async () => {
    const secret = 'doorway-demo-signing-secret-not-for-production'
    const link = signLink(`${env.demo.base}/?ref=FLOW9--user_id--cust-5--email--five%40example.com&utm_source=crm`, secret, 600)
    const page = await visit(link.slice(env.demo.base.length + 1))
    await expect.poll(text(botBubbles(page).first())).toContain('Signed link: signature valid')
    await expect.poll(() => path(page)).toBe('/?utm_source=crm')
    const contact = await env.demo.contactOf(await tokenOf(page))
    expect(contact.user).toMatchObject({ user_id: 'cust-5', email: 'five@example.com' })
    await page.context().close()
  })
})

describe('the conversation', () => {
  it('answers quick replies and typed answers, with the keyboard alone', async () => {
    const page = await visit('')
    const launcher = page.locator('doorway-widget .launcher')
    await launcher.focus()
    await page.keyboard.press('Enter')
    await expect.poll(count(page.locator('doorway-widget .replies button'))).toBe(4)
    await page.locator('doorway-widget .replies button', { hasText: 'Find my size' }).click()
    await expect.poll(text(botBubbles(page).last())).toBe('What shoe size do you wear? (36 to 46)')
    const input = page.locator('doorway-widget .composer textarea')
    await input.fill('forty')
    await page.keyboard.press('Enter')
    await expect.poll(text(botBubbles(page).last())).toBe('Please answer with a number, like 42.')
    await input.fill('42')
    await page.keyboard.press('Enter')
    await expect.poll(text(page.locator('doorway-widget .message.bot').last())).toContain('Anything else?')
    await expect.poll(text(botBubbles(page).nth(-2))).toBe('Size 42 noted: the Trail Runner is in stock in black.')
    // Escape closes the panel and gives focus back to the launcher.
    await page.keyboard.press('Escape')
    await expect.poll(count(page.locator('doorway-widget [role="dialog"]'))).toBe(0)
    await expect.poll(focused(launcher)).toBe(true)
    await page.context().close()
  })

  it('shows an unread badge for messages that arrive while the chat is closed', async () => {
    const page = await visit('')
    const launcher = page.locator('doorway-widget .launcher')
    await launcher.click()
    await expect.poll(count(page.locator('doorway-widget .replies button'))).toBe(4)
    await page.locator('doorway-widget .replies button', { hasText: 'Browse shoes' }).click()
    await expect.poll(text(botBubbles(page).last())).toBe('Anything else?')
    await page.keyboard.press('Escape')
    // The visitor reads nothing more; another tab sends a choice for the same visitor.
    const token = await tokenOf(page)
    const messages = await (
      await fetch(`${env.demo.base}/v1/bots/demo/messages?after=0`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()
    const buttons = messages.messages.find((m: { kind: string }) => m.kind === 'buttons')
    await fetch(`${env.demo.base}/v1/bots/demo/messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'other-tab-1', choice: { seq: buttons.seq, index: 0 } }),
    })
    await expect.poll(text(page.locator('doorway-widget .badge'))).toBe('2')
    await expect.poll(attribute(launcher, 'aria-label')).toBe('Open chat, 2 unread messages')
    await page.context().close()
  })

  it("stores what the page sends with Doorway('set')", async () => {
    const page = await visit('')
    await page.evaluate(() =>
      (window as unknown as { Doorway: (...args: unknown[]) => void }).Doorway('set', {
        fields: { coupon: 'PAGE-1' },
        user: { first_name: 'Ada' },
      }),
    )
    await expect.poll(async () => (await env.demo.contactOf(await tokenOf(page))).user?.first_name).toBe('Ada')
    expect((await env.demo.contactOf(await tokenOf(page))).fields).toContainEqual({ id: '738', name: 'coupon', value: 'PAGE-1' })
    await page.context().close()
  })

  it('renders bot text as text, never as HTML', async () => {
    const page = await visit('?bs_ref=user:first%20name:%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E;block:welcome')
    await expect.poll(text(botBubbles(page).first())).toBe('Hi <img src=x onerror=alert(1)>! Welcome to Doorway Shoes.')
    await expect.poll(count(page.locator('doorway-widget .bubble img'))).toBe(0)
    await page.context().close()
  })

  it('goes full screen on a narrow viewport', async () => {
    const page = await visit('?ref=tutorial--5', { width: 375, height: 700 })
    const panel = page.locator('doorway-widget [role="dialog"]')
    await expect.poll(visible(panel)).toBe(true)
    // Polled: the panel slides in for 160 ms (styles.ts) before it has its place.
    await expect.poll(() => panel.boundingBox()).toEqual({ x: 0, y: 0, width: 375, height: 700 })
    await page.screenshot({ path: `${root}/test-results/screenshots/widget-narrow.png` })
    await page.context().close()
  })

  it('keeps the panel on screen beside the launcher on a wide viewport', async () => {
    const page = await visit('?ref=tutorial--6', { width: 1000, height: 500 })
    const panel = page.locator('doorway-widget [role="dialog"]')
    await expect.poll(visible(panel)).toBe(true)
    await panel.evaluate((element) => Promise.all(element.getAnimations().map((animation) => animation.finished)))
    const box = (await panel.boundingBox()) as { x: number; y: number; width: number; height: number }
    expect(box.y).toBeGreaterThanOrEqual(8)
    expect(box.y + box.height).toBeLessThanOrEqual(500 - 8)
    expect(box.x).toBeGreaterThanOrEqual(8)
    await page.context().close()
  })
})

describe('a link with bad parts', () => {
  it('still opens the chat, and the QA panel shows the rejections', async () => {
    const page = await visit('?bs_ref=user:gender:robot;user:birthday:1990-02-30;variables:color:black;block:captured')
    await expect.poll(text(botBubbles(page).first())).toContain('Here is everything your link carried:')
    await expect
      .poll(text(botBubbles(page).first()))
      .toContain('Rejected by the widget: user:gender:robot: gender must be male, female or unknown')
    const rejected = page.locator('#qa-rejected li')
    await expect.poll(count(rejected)).toBe(2)
    await expect.poll(text(rejected.first())).toContain('widget: user:gender:robot')
    await expect.poll(text(page.locator('#qa-intent'))).toContain('"dialect": "segments"')
    await page.context().close()
  })

  it("shows the backend's rejections too", async () => {
    const page = await visit('?ref=giveaway--T1--514--big')
    await expect.poll(text(page.locator('#qa-rejected li').first())).toContain('backend: fields.0.514: shoe_size must be a number')
    await page.context().close()
  })

  it('does not apply a link made for another bot, and removes it from the address', async () => {
    const page = await visit('?p=otherbot&ref=giveaway--1')
    await expect.poll(text(page.locator('#qa-intent'))).toBe('no entry parameters in the address')
    await expect.poll(() => path(page)).toBe('/?p=otherbot')
    await expect.poll(count(page.locator('doorway-widget [role="dialog"]'))).toBe(0)
    await page.context().close()
  })
})
