import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { count, text, useBrowserAndDemo, visible } from './harness.ts'

// The look of the chat in Chromium: the header, groups and times, one width for rich messages,
// the multi-line composer and the panel's transition.
const env = useBrowserAndDemo()

async function open(options: { reducedMotion?: 'reduce' } = {}) {
  const page = await (await env.browser.newContext({ viewport: { width: 1280, height: 800 }, ...options })).newPage()
  page.on('pageerror', (error) => {
    throw error
  })
  await page.goto(`${env.demo.base}/`)
  await page.locator('doorway-widget .launcher').click()
  await expect.poll(count(w(page, '.replies button'))).toBe(4)
  await w(page, '.panel').evaluate((panel) => Promise.all(panel.getAnimations().map((animation) => animation.finished)))
  return page
}
const w = (page: Page, selector: string) => page.locator(`doorway-widget ${selector}`)

describe('the panel', () => {
  it("shows the bot's avatar, its name and the connection in the header, or its initials without an avatar", async () => {
    const page = await open()
    await expect.poll(text(w(page, '#doorway-title'))).toBe('Doorway Shoes')
    await expect.poll(text(w(page, '.presence'))).toBe('Online · A demo bot: answers at once')
    expect(await w(page, '.avatar img').getAttribute('src')).toBe(`${env.demo.base}/shoe.svg`)
    expect(await w(page, '.avatar img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0)
    await page.context().close()

    // An avatar that is no http(s) address is not shown: the initials are.
    const other = await (await env.browser.newContext()).newPage()
    await other.route(`${env.demo.base}/v1/bots/demo`, async (route) => {
      const response = await route.fetch()
      route.fulfill({ response, json: { ...(await response.json()), avatar: 'javascript:alert(1)' } })
    })
    await other.goto(`${env.demo.base}/`)
    await other.locator('doorway-widget .launcher').click()
    await expect.poll(text(w(other, '.avatar'))).toBe('DS')
    expect(await w(other, '.avatar img').count()).toBe(0)
    await other.context().close()
  })

  it('groups messages by sender, with one time per group, in full in its title', async () => {
    const page = await open()
    // The welcome: two bot messages, one group, its time under the last.
    const welcome = w(page, '.message.bot')
    expect(await welcome.evaluateAll((items) => items.map((item) => item.className))).toEqual([
      'message bot text-message start',
      'message bot quick_replies-message end',
    ])
    const time = w(page, '.message.bot.end time')
    const datetime = (await time.getAttribute('datetime')) as string
    expect(Number.isNaN(Date.parse(datetime))).toBe(false)
    expect(await time.getAttribute('title')).toContain(String(new Date(datetime).getFullYear()))
    expect(await time.textContent()).toMatch(/^\d{1,2}:\d{2}\s[AP]M$/)
    // The first's top corner on the bot's side is round, the corners inside the group small.
    const corners = await w(page, '.message.bot .bubble').evaluateAll((bubbles) =>
      bubbles.map((bubble) => [getComputedStyle(bubble).borderTopLeftRadius, getComputedStyle(bubble).borderBottomLeftRadius]),
    )
    expect(corners).toEqual([
      ['14px', '4px'],
      ['4px', '4px'],
    ])
    await page.context().close()
  })

  it('gives cards and images one width, and puts quick replies side by side', async () => {
    const page = await open()
    const chips = await w(page, '.replies button').evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect().top))
    expect(new Set(chips).size).toBeLessThan(chips.length)
    await w(page, '.replies button').first().click()
    await expect.poll(count(w(page, 'img.image'))).toBe(1)
    const card = (await w(page, '.card').boundingBox())?.width
    const image = (await w(page, 'img.image').boundingBox())?.width
    expect(image).toBe(card)
    // One border each: the image message is not styled as an image twice.
    expect(await w(page, '.message.image-message').evaluate((li) => getComputedStyle(li).borderTopWidth)).toBe('0px')
    await page.context().close()
  })

  it('writes several lines with Shift+Enter, sends with Enter, and grows with its lines', async () => {
    const page = await open()
    const field = w(page, '.composer textarea')
    const height = async () => ((await field.boundingBox()) as { height: number }).height
    const one = await height()
    await field.pressSequentially('Size 44')
    await page.keyboard.press('Shift+Enter')
    await field.pressSequentially('in green?')
    expect(await field.inputValue()).toBe('Size 44\nin green?')
    expect(await height()).toBeGreaterThan(one)
    await page.keyboard.press('Enter')
    await expect.poll(text(w(page, '.message.visitor .bubble').last())).toBe('Size 44\nin green?')
    expect(await field.inputValue()).toBe('')
    await expect.poll(height).toBe(one)
    await page.context().close()
  })

  it('fades in and out, and at once when the visitor asks for less motion', async () => {
    const page = await open()
    expect(await w(page, '.panel').evaluate((panel) => getComputedStyle(panel).animationName)).toBe('doorway-in')
    // What the panel was while it went: recorded as it changed, however fast the machine.
    await w(page, '.panel').evaluate((panel) => {
      const seen: string[] = []
      ;(window as unknown as { seen: string[] }).seen = seen
      new MutationObserver(() => seen.push(`${panel.className} inert=${panel.hasAttribute('inert')}`)).observe(panel, { attributes: true })
    })
    await page.keyboard.press('Escape')
    await expect.poll(count(w(page, '.panel'))).toBe(0)
    expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toContain('panel closing inert=true')
    await page.context().close()

    const still = await open({ reducedMotion: 'reduce' })
    expect(await w(still, '.panel').evaluate((panel) => getComputedStyle(panel).animationName)).toBe('none')
    await w(still, '.panel').evaluate((panel) => {
      const seen: string[] = []
      ;(window as unknown as { seen: string[] }).seen = seen
      new MutationObserver(() => seen.push(panel.className)).observe(panel, { attributes: true })
    })
    await still.keyboard.press('Escape')
    // Gone without a closing fade: however slow the machine, the panel never took the closing state.
    await expect.poll(count(w(still, '.panel'))).toBe(0)
    const classes = await still.evaluate(() => (window as unknown as { seen: string[] }).seen)
    expect(classes.filter((name) => name.includes('closing'))).toEqual([])
    expect(await visible(w(still, '.launcher'))()).toBe(true)
    await still.context().close()
  })
})

describe('theming', () => {
  const style = (page: Page, selector: string, property: string) =>
    w(page, selector)
      .first()
      .evaluate((element, name) => getComputedStyle(element).getPropertyValue(name), property)

  it("takes the bot file's accent, radius and font, and the site's data-* attributes over them", async () => {
    const context = await env.browser.newContext()
    await context.route(`${env.demo.base}/v1/bots/demo`, async (route) => {
      const response = await route.fetch()
      const theme = { accent: '#7a0019', radius: 4, font: 'monospace' }
      route.fulfill({ response, json: { ...(await response.json()), theme } })
    })
    const page = await context.newPage()
    await page.goto(`${env.demo.base}/`)
    // The launcher takes the bot's accent before the chat's file is loaded.
    await expect.poll(() => style(page, '.launcher', 'background-color')).toBe('rgb(122, 0, 25)')
    await page.locator('doorway-widget .launcher').click()
    await expect.poll(() => style(page, '.panel', 'border-top-left-radius')).toBe('4px')
    expect(await style(page, '.panel', 'font-family')).toBe('monospace')

    // The site's settings win, part by part.
    await page.route(
      (url) => url.pathname === '/',
      async (route) => {
        const response = await route.fetch()
        const body = (await response.text()).replace('data-bot="demo"', 'data-bot="demo" data-radius="20" data-font="serif"')
        route.fulfill({ response, body })
      },
    )
    await page.reload()
    await page.locator('doorway-widget .launcher').click()
    await expect.poll(() => style(page, '.panel', 'border-top-left-radius')).toBe('20px')
    expect(await style(page, '.panel', 'font-family')).toBe('serif')
    expect(await style(page, '.launcher', 'background-color')).toBe('rgb(122, 0, 25)')
    await context.close()
  })
})
