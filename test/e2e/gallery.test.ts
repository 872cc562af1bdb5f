import { mkdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Page, Route } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { count, root, text, useBrowserAndDemo, visible } from './harness.ts'

// Screenshots of each state of the widget in light, dark and right to left, for docs/gallery.md:
// written under test-results/screenshots/gallery/ (untracked), never over the docs' own images.
const env = useBrowserAndDemo()
const OUT = join(root, 'test-results', 'screenshots', 'gallery')
const w = (page: Page, selector: string, options?: Parameters<Page['locator']>[1]) => page.locator(`doorway-widget ${selector}`, options)

const SCHEMES = {
  light: { colorScheme: 'light', html: '<html lang="en">' },
  dark: { colorScheme: 'dark', html: '<html lang="en">' },
  rtl: { colorScheme: 'light', html: '<html dir="rtl" lang="ar">' },
} as const

type Scheme = keyof typeof SCHEMES

async function visit(scheme: Scheme, narrow = false): Promise<Page> {
  const { colorScheme, html } = SCHEMES[scheme]
  const viewport = narrow ? { width: 375, height: 700 } : { width: 1280, height: 800 }
  const page = await (await env.browser.newContext({ viewport, colorScheme, reducedMotion: 'reduce' })).newPage()
  page.on('pageerror', (error) => {
    throw error
  })
  await page.route(
    (url) => url.pathname === '/',
    (route) =>
      route.fulfill({ contentType: 'text/html', body: readFileSync(join(root, 'index.html'), 'utf8').replace('<html lang="en">', html) }),
  )
  return page
}

async function openChat(page: Page) {
  await page.goto(`${env.demo.base}/`)
  await w(page, '.launcher').click()
  await expect.poll(count(w(page, '.replies button'))).toBe(4)
}

/** Each state: how to reach it from a fresh page. */
const STATES: Record<string, (page: Page) => Promise<void>> = {
  closed: async (page) => {
    await page.goto(`${env.demo.base}/`)
    await expect.poll(visible(w(page, '.launcher'))).toBe(true)
  },
  open: openChat,
  typing: async (page) => {
    await openChat(page)
    const held: Route[] = []
    await page.route(`${env.demo.base}/v1/bots/demo/messages`, (route) => void held.push(route))
    await w(page, '.composer textarea').fill('Hello')
    await page.keyboard.press('Enter')
    await expect.poll(visible(w(page, '.typing'))).toBe(true)
  },
  rich: async (page) => {
    await openChat(page)
    await w(page, '.replies button').first().click()
    await expect.poll(count(w(page, '.message .card'))).toBe(1)
    await expect.poll(count(w(page, 'img.image'))).toBe(1)
  },
  pending: async (page) => {
    await openChat(page)
    await page.route(`${env.demo.base}/v1/bots/demo/messages`, (route) => route.abort('connectionrefused'))
    await w(page, '.composer textarea').fill('Is size 44 in stock?')
    await page.keyboard.press('Enter')
    await expect.poll(count(w(page, '.pending'))).toBe(1)
  },
  offline: async (page) => {
    await page.route(`${env.demo.base}/v1/**`, (route) => route.abort('connectionrefused'))
    await page.goto(`${env.demo.base}/`)
    await w(page, '.launcher').click()
    await expect.poll(visible(w(page, '.status'))).toBe(true)
  },
  error: async (page) => {
    await page.route(`${env.demo.base}/v1/**`, (route) =>
      route.fulfill({ status: 500, json: { error: { code: 'internal', message: 'the bot backend failed' } } }),
    )
    await page.goto(`${env.demo.base}/`)
    await w(page, '.launcher').click()
    await expect.poll(visible(w(page, '.presence'))).toBe(true)
  },
}

describe('the gallery: each state in light, dark and right to left', () => {
  mkdirSync(OUT, { recursive: true })
  for (const scheme of Object.keys(SCHEMES) as Scheme[]) {
    it(`${scheme}: every state, wide, and open at 375 px`, async () => {
      for (const [state, reach] of Object.entries(STATES)) {
        const page = await visit(scheme)
        await reach(page)
        const file = join(OUT, `${state}-${scheme}.png`)
        await page.screenshot({ path: file })
        expect(statSync(file).size, file).toBeGreaterThan(10_000)
        // The state is drawn in its scheme and direction.
        if (state !== 'closed') {
          const panel = w(page, '[role="dialog"]')
          expect(await panel.getAttribute('dir'), state).toBe(scheme === 'rtl' ? 'rtl' : 'ltr')
          expect(await w(page, '.root').getAttribute('lang'), state).toBe(scheme === 'rtl' ? 'ar' : 'en')
          const canvas = await w(page, '.messages').evaluate((element) => getComputedStyle(element).backgroundColor)
          expect(canvas, `${state} ${scheme}`).toBe(scheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(246, 248, 250)')
        }
        await page.context().close()
      }
      const narrow = await visit(scheme, true)
      await openChat(narrow)
      await narrow.screenshot({ path: join(OUT, `narrow-${scheme}.png`) })
      expect(await text(w(narrow, '.composer button'))()).toBe(scheme === 'rtl' ? 'إرسال' : 'Send')
      await narrow.context().close()
    })
  }
})
