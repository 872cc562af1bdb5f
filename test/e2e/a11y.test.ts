import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page, Route } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { count, focused, root, text, useBrowserAndDemo, visible } from './harness.ts'

// axe-core in Chromium on each state of the widget; the keyboard, scrolling and touch rules of
// the full-screen panel (under 480 px); the widget's direction on a right-to-left page.
const env = useBrowserAndDemo()
const AXE = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')
const WIDE = { width: 1280, height: 800 }
const NARROW = { width: 375, height: 700 }
const SCREENSHOTS = join(root, 'test-results', 'screenshots')

interface Visit {
  viewport?: { width: number; height: number }
  /** The QA page's `<html>` tag, to make it a right-to-left page. */
  html?: string
  /** Requests of the bot backend fail, as when it cannot be reached. */
  unreachable?: boolean
  /** More attributes of the QA page's script tag, e.g. data-accent. */
  attributes?: string
  /** The visitor's system colour scheme. */
  colorScheme?: 'light' | 'dark'
  /** Every request of the bot backend answers this status, with an error body. */
  failing?: number
}

async function visit(
  query: string,
  { viewport = WIDE, html, unreachable = false, attributes, colorScheme, failing }: Visit = {},
): Promise<Page> {
  const page = await (await env.browser.newContext({ viewport, colorScheme })).newPage()
  page.on('pageerror', (error) => {
    throw error
  })
  if (html || attributes)
    await page.route(
      (url) => url.pathname === '/',
      (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: readFileSync(join(root, 'index.html'), 'utf8')
            .replace('<html lang="en">', html ?? '<html lang="en">')
            .replace('data-bot="demo"', `data-bot="demo" ${attributes ?? ''}`),
        }),
    )
  if (unreachable) await page.route(`${env.demo.base}/v1/**`, (route) => route.abort('connectionrefused'))
  if (failing)
    await page.route(`${env.demo.base}/v1/**`, (route) =>
      route.fulfill({ status: failing, json: { error: { code: 'internal', message: 'the bot backend failed' } } }),
    )
  await page.goto(`${env.demo.base}/${query}`)
  await expect.poll(visible(widget(page, '.launcher'))).toBe(true)
  return page
}

const widget = (page: Page, selector: string, options?: Parameters<Page['locator']>[1]) =>
  page.locator(`doorway-widget ${selector}`, options)

interface Violation {
  id: string
  impact: string
  help: string
  nodes: { target: unknown[]; failureSummary: string }[]
}

/** axe-core's violations in the widget (its element and its shadow root), one readable line per element. */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE })
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Element): Promise<{ violations: Violation[] }> } }).axe
    return (await axe.run(document.querySelector('doorway-widget') as Element)).violations
  })
  return found.flatMap((v) =>
    v.nodes.map((node) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(node.target)}: ${node.failureSummary}`),
  )
}

/** Runs axe in a state and shoots it; every state is checked (expect.soft) before the test fails. */
async function check(page: Page, state: string) {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `a11y-${state}.png`) })
  const found = await violations(page)
  if (found.length > 0) console.log(`axe, ${state}:\n${found.join('\n')}`)
  expect.soft(found, `axe violations, ${state}`).toEqual([])
}

async function openChat(page: Page) {
  await widget(page, '.launcher').click()
  await expect.poll(count(widget(page, '.replies button'))).toBe(4)
  // Measured and shot once it has slid in (styles.ts).
  await widget(page, '.panel').evaluate((panel) => Promise.all(panel.getAnimations().map((animation) => animation.finished)))
}

/** Holds every POST of a visitor message until the returned release is called. */
async function holdMessages(page: Page): Promise<() => Promise<void>> {
  const held: Route[] = []
  const url = `${env.demo.base}/v1/bots/demo/messages`
  await page.route(url, (route) => (route.request().method() === 'POST' ? void held.push(route) : route.fallback()))
  return async () => {
    await page.unroute(url)
    // A request the widget gave up on meanwhile is already answered.
    for (const route of held) await route.continue().catch(() => undefined)
  }
}

async function say(page: Page, words: string) {
  await widget(page, '.composer textarea').fill(words)
  await page.keyboard.press('Enter')
}

describe('axe-core finds no violation', () => {
  it('closed, open, typing, with rich messages', async () => {
    const page = await visit('')
    await check(page, 'closed')
    await openChat(page)
    await check(page, 'open')

    const release = await holdMessages(page)
    await say(page, 'Hello')
    await expect.poll(visible(widget(page, '.typing'))).toBe(true)
    await check(page, 'typing')
    await release()
    await expect.poll(visible(widget(page, '.typing'))).toBe(false)

    // Browse shoes: a card with buttons, an image, buttons; then Main menu brings quick replies back.
    await widget(page, '.replies button', { hasText: 'Browse shoes' }).click()
    await expect.poll(count(widget(page, '.message .card'))).toBe(1)
    await expect.poll(count(widget(page, '.message img.image'))).toBe(1)
    await widget(page, '.buttons button', { hasText: 'Main menu' }).click()
    await expect.poll(count(widget(page, '.replies button'))).toBe(4)
    await check(page, 'rich-messages')
    await page.context().close()
  })

  it('pending (a message the backend has not taken yet) and offline (a backend that cannot be reached)', async () => {
    const page = await visit('')
    await openChat(page)
    await page.route(`${env.demo.base}/v1/bots/demo/messages`, (route) =>
      route.request().method() === 'POST' ? route.abort('connectionrefused') : route.fallback(),
    )
    await say(page, 'Is size 44 in stock?')
    await expect.poll(text(widget(page, '.pending .note'))).toBe('Not sent yet: retrying')
    await check(page, 'pending')
    await page.context().close()

    const offline = await visit('', { unreachable: true })
    await widget(offline, '.launcher').click()
    await expect.poll(visible(widget(offline, '.status'))).toBe(true)
    await say(offline, 'Anyone there?')
    await expect.poll(count(widget(offline, '.pending'))).toBe(1)
    await check(offline, 'offline')
    await offline.context().close()
  })

  it('error (a backend that answers 500 to everything)', async () => {
    const page = await visit('', { failing: 500 })
    await widget(page, '.launcher').click()
    // The backend answers, but never with a session: the widget keeps trying to connect.
    await expect.poll(text(widget(page, '.presence'))).toBe('Connecting…')
    await say(page, 'Hello?')
    // Queued behind the session that keeps failing.
    await expect.poll(text(widget(page, '.pending .note'))).toBe('Sending…')
    expect(await text(widget(page, '#doorway-title'))()).toBe('Conversation')
    await check(page, 'error')
    await page.context().close()
  })

  it('dark: by the system, or by the site whatever the system; light by the site on a dark system', async () => {
    const surface = (page: Page) => widget(page, '.messages').evaluate((element) => getComputedStyle(element).backgroundColor)
    for (const [name, visitOptions, dark] of [
      ['dark-system', { colorScheme: 'dark' }, true],
      ['dark-site', { colorScheme: 'light', attributes: 'data-theme="dark"' }, true],
      ['light-site', { colorScheme: 'dark', attributes: 'data-theme="light"' }, false],
      ['dark-accent-ffd33d', { colorScheme: 'dark', attributes: 'data-accent="#ffd33d"' }, true],
      ['dark-accent-7a0019', { colorScheme: 'dark', attributes: 'data-accent="#7a0019"' }, true],
    ] as const) {
      const page = await visit('', visitOptions)
      await openChat(page)
      await widget(page, '.replies button', { hasText: 'Browse shoes' }).click()
      await expect.poll(count(widget(page, '.message .card'))).toBe(1)
      await widget(page, '.replies button, .buttons button').first().hover()
      expect(await surface(page), name).toBe(dark ? 'rgb(13, 17, 23)' : 'rgb(246, 248, 250)')
      await check(page, name)
      await page.context().close()
    }
  })

  it('narrow (full screen) and right-to-left', async () => {
    const page = await visit('', { viewport: NARROW })
    await openChat(page)
    await check(page, 'narrow')
    await page.context().close()

    const rtl = await visit('', { html: '<html dir="rtl" lang="ar">' })
    await openChat(rtl)
    await widget(rtl, '.replies button', { hasText: 'Browse shoes' }).click()
    await expect.poll(count(widget(rtl, '.message .card'))).toBe(1)
    await expect.poll(text(widget(rtl, '.message.bot .bubble').last())).toBe('Anything else?')
    await check(rtl, 'rtl')
    await rtl.context().close()
  })

  it("teaser (a link's greeting beside the closed launcher): light, dark, narrow and right-to-left", async () => {
    for (const [name, visitOptions] of [
      ['teaser', {}],
      ['teaser-dark', { colorScheme: 'dark' }],
      ['teaser-narrow', { viewport: NARROW }],
      ['teaser-rtl', { html: '<html dir="rtl" lang="ar">', attributes: 'data-locale="he"' }],
    ] as const) {
      // data-open="never": a link opens the chat by itself otherwise, and the teaser is for a closed chat.
      const page = await visit('?ref=tutorial', { ...visitOptions, attributes: `data-open="never" ${visitOptions.attributes ?? ''}` })
      await expect.poll(visible(widget(page, '.teaser'))).toBe(true)
      await check(page, name)
      await page.context().close()
    }
  })

  it('with an accent the site picked, light or dark: text on it and of it stays readable', async () => {
    for (const accent of ['#ffd33d', '#7a0019', '#ff0000']) {
      const page = await visit('', { attributes: `data-accent="${accent}"` })
      await check(page, `closed-accent-${accent.slice(1)}`)
      await openChat(page)
      await widget(page, '.replies button').first().hover()
      await check(page, `open-accent-${accent.slice(1)}`)
      const launcher = await widget(page, '.launcher').evaluate((element) => getComputedStyle(element).backgroundColor)
      const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(accent.slice(at, at + 2), 16))
      expect(launcher).toBe(`rgb(${r}, ${g}, ${b})`)
      await page.context().close()
    }
  })
})

describe('the full-screen panel, at 375 px', () => {
  /** The focused element, where focus is: the page's own, or the widget's control and whether it is in the panel. */
  const whereFocusIs = (page: Page) =>
    page.evaluate(() => {
      const host = document.querySelector('doorway-widget')
      const active = document.activeElement
      if (active !== host) return `page: ${active?.tagName}`
      const inside = host?.shadowRoot?.activeElement
      const name = inside?.getAttribute('aria-label') ?? inside?.textContent ?? ''
      return `${inside?.closest('[role="dialog"]') ? 'panel' : 'widget'}: ${inside?.tagName} ${name}`
    })

  it('keeps Tab and Shift+Tab in the panel, and the page under it from scrolling, without a jump', async () => {
    const page = await visit('', { viewport: NARROW })
    // A page longer than the screen, scrolled down a little.
    await page.evaluate(() => {
      const tall = document.createElement('div')
      tall.style.height = '3000px'
      document.body.append(tall)
      window.scrollTo(0, 400)
    })
    const before = await page.evaluate(() => ({
      y: window.scrollY,
      width: document.documentElement.clientWidth,
      style: document.documentElement.getAttribute('style'),
    }))
    const launcher = widget(page, '.launcher')
    await launcher.focus()
    await page.keyboard.press('Enter')
    await expect.poll(count(widget(page, '.replies button'))).toBe(4)
    await expect.poll(focused(widget(page, '.composer textarea'))).toBe(true)

    // Around the panel twice each way: never the page, never the launcher under the panel.
    const controls = await widget(page, '[role="dialog"]').locator('a[href], button:enabled, textarea:enabled, [tabindex="0"]').count()
    for (const key of ['Tab', 'Shift+Tab']) {
      const seen: string[] = []
      for (let i = 0; i < 2 * controls; i++) {
        await page.keyboard.press(key)
        seen.push(await whereFocusIs(page))
      }
      expect(
        seen.filter((where) => !where.startsWith('panel:')),
        key,
      ).toEqual([])
      // A cycle: the same controls, in the same order, each time around.
      expect(seen.slice(controls), key).toEqual(seen.slice(0, controls))
      expect(new Set(seen).size, key).toBe(controls)
      expect(
        seen.slice(0, controls).filter((where) => where.endsWith('Close chat')),
        key,
      ).toHaveLength(1)
    }

    // Wheel over the header and over the conversation: the page stays where it was.
    await page.mouse.move(180, 30)
    await page.mouse.wheel(0, 600)
    await page.mouse.move(180, 350)
    await page.mouse.wheel(0, 600)
    await page.mouse.wheel(0, -1200)
    await page.waitForTimeout(300)
    const locked = await page.evaluate(() => ({ y: window.scrollY, width: document.documentElement.clientWidth }))
    expect(locked).toEqual({ y: before.y, width: before.width })

    // Closed, the page is as it was: its position, its width and its root element's style attribute.
    await page.keyboard.press('Escape')
    await expect.poll(count(widget(page, '[role="dialog"]'))).toBe(0)
    await expect.poll(focused(launcher)).toBe(true)
    const after = await page.evaluate(() => ({
      y: window.scrollY,
      width: document.documentElement.clientWidth,
      style: document.documentElement.getAttribute('style'),
    }))
    expect(after).toEqual(before)
    await page.mouse.wheel(0, 300)
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before.y)
    await page.context().close()
  })

  it('has touch targets of 44 by 44 px at least, and 16 px text in the field', async () => {
    const page = await visit('', { viewport: NARROW })
    await openChat(page)
    const targets = [widget(page, '.close'), widget(page, '.composer button'), ...(await widget(page, '.replies button').all())]
    for (const target of targets) {
      const box = (await target.boundingBox()) as { width: number; height: number }
      const name = (await target.getAttribute('aria-label')) ?? (await target.textContent())
      expect(Math.min(box.width, box.height), `${name}: ${box.width}×${box.height}`).toBeGreaterThanOrEqual(44)
    }
    const size = await widget(page, '.composer textarea').evaluate((input) => Number.parseFloat(getComputedStyle(input).fontSize))
    expect(size).toBeGreaterThanOrEqual(16)
    await page.context().close()
  })
})

describe('direction', () => {
  const direction = (page: Page, selector: string) =>
    widget(page, selector)
      .first()
      .evaluate((element) => [element.getAttribute('dir'), getComputedStyle(element).direction])

  it("sets the panel's direction from the locale, not the page, and isolates the bot's English text", async () => {
    const page = await visit('?ref=giveaway--456', { html: '<html dir="rtl" lang="ar">' })
    const bubble = widget(page, '.message.bot .bubble').first()
    await expect.poll(text(bubble)).toBe("You're in the giveaway with ticket 456.")
    expect(await direction(page, '[role="dialog"]')).toEqual(['rtl', 'rtl'])
    expect(await direction(page, '.message.bot .bubble')).toEqual(['auto', 'ltr'])
    // Read left to right: "456" then ".", not ".456" as an unisolated bubble shows it.
    const [number, stop] = await bubble.evaluate((element) => {
      const node = element.firstChild as Text
      const at = (start: number, end: number) => {
        const range = document.createRange()
        range.setStart(node, start)
        range.setEnd(node, end)
        return range.getBoundingClientRect().left
      }
      const length = node.data.length
      return [at(length - 4, length - 1), at(length - 1, length)]
    })
    expect(stop).toBeGreaterThan(number)
    await page.screenshot({ path: join(SCREENSHOTS, 'a11y-rtl-giveaway.png') })
    await page.context().close()

    // An English widget on a right-to-left page stays left to right.
    const english = await visit('?ref=giveaway--456', { html: '<html dir="rtl" lang="en">' })
    await expect.poll(visible(widget(english, '[role="dialog"]'))).toBe(true)
    expect(await direction(english, '[role="dialog"]')).toEqual(['ltr', 'ltr'])
    await english.context().close()
  })

  it("keeps a right-to-left override (U+202E) in the bot's name from reordering the words after it", async () => {
    const context = await env.browser.newContext({ viewport: WIDE })
    const page = await context.newPage()
    await page.route(`${env.demo.base}/v1/bots/demo`, async (route) => {
      const response = await route.fetch()
      route.fulfill({ response, json: { ...(await response.json()), name: 'Doorway\u202e Shoes' } })
    })
    await page.goto(`${env.demo.base}/`)
    await openChat(page)
    expect(await direction(page, '#doorway-title')).toEqual(['auto', 'ltr'])
    const release = await holdMessages(page)
    await say(page, 'Hello')
    await expect.poll(visible(widget(page, '.typing'))).toBe(true)
    // "typing…" comes after the name, to its right, and in its own order.
    const [name, word] = await widget(page, '.typing bdi').evaluate((bdi) => {
      const range = document.createRange()
      range.selectNodeContents(bdi.parentElement as Element)
      range.setStartAfter(bdi)
      return [bdi.getBoundingClientRect().right, range.getBoundingClientRect().left]
    })
    expect(word).toBeGreaterThanOrEqual(name)
    expect(await widget(page, '.typing').textContent()).toBe('Doorway\u202e Shoes typing…')
    await release()
    await context.close()
  })
})
