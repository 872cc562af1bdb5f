import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { count, pngPixels, root, text, useBrowserAndDemo, visible } from './harness.ts'

// The built dist/doorway.js, pasted into pages the project does not control.
const env = useBrowserAndDemo()

const requested = new WeakMap<Page, string[]>()

async function load(fixture: string): Promise<Page> {
  const page = await env.browser.newPage({ viewport: { width: 1024, height: 720 } })
  const errors: string[] = []
  const requests: string[] = []
  requested.set(page, requests)
  page.on('pageerror', (error) => errors.push(error.message))
  // Every request of the page, whatever its kind: scripts, styles, fonts, images, API calls.
  page.on('request', (request) => requests.push(`${request.method()} ${request.url().replace(env.demo.base, '')}`))
  // The fixture page is served on the demo's own origin; the script and the API are the real ones.
  await page.route(`${env.demo.base}/${fixture}`, (route) =>
    route.fulfill({ contentType: 'text/html', body: readFileSync(join(root, 'test', 'fixtures', fixture)) }),
  )
  await page.goto(`${env.demo.base}/${fixture}`)
  await expect.poll(visible(page.locator('doorway-widget .launcher'))).toBe(true)
  expect(errors).toEqual([])
  return page
}

async function shoot(page: Page, name: string) {
  const launcher = page.locator('doorway-widget .launcher')
  const closed = await launcher.screenshot()
  await launcher.click()
  const panel = page.locator('doorway-widget [role="dialog"]')
  await expect.poll(text(page.locator('doorway-widget .message.bot .bubble').first())).toBe('Hi there! Welcome to Doorway Shoes.')
  await expect.poll(count(page.locator('doorway-widget .replies button'))).toBe(4)
  await page.locator('doorway-widget .composer textarea').blur()
  mkdirSync(join(root, 'test-results'), { recursive: true })
  await page.screenshot({ path: join(root, 'test-results', `smoke-${name}.png`) })
  return {
    closed,
    // The messages' times are the clock's: hidden, or two loads a minute apart would differ.
    panel: await panel.screenshot({
      animations: 'disabled',
      style: 'time { visibility: hidden !important; }',
      path: join(root, 'test-results', `smoke-${name}-panel.png`),
    }),
    box: await panel.boundingBox(),
    launcherBox: await launcher.boundingBox(),
  }
}

/**
 * The pixels of two screenshots that differ by more than `tolerance` in a channel, or -1 when
 * their sizes differ. Chromium's antialiasing of the panel's rounded corners over the page
 * varies by one level from one paint to the next; a change of font, colour or place does not
 * stay within two.
 */
async function differingPixels(a: Buffer, b: Buffer, tolerance = 2): Promise<number> {
  const page = await env.browser.newPage()
  try {
    const [one, two] = [await pngPixels(page, a), await pngPixels(page, b)]
    if (one.width !== two.width || one.height !== two.height) return -1
    let differing = 0
    for (let i = 0; i < one.data.length; i += 4) {
      const most = Math.max(...[0, 1, 2, 3].map((c) => Math.abs(one.data[i + c] - two.data[i + c])))
      if (most > tolerance) differing++
    }
    return differing
  } finally {
    await page.close()
  }
}

describe('the built script', () => {
  it('shows the launcher and the panel on a plain page, with no other request needed for the launcher', async () => {
    const page = await load('plain.html')
    // The page, the script, and the backend's API: no style sheet, font, image or other script.
    const requests = requested.get(page) ?? []
    expect(requests.filter((request) => !request.startsWith('POST /v1/') && !request.startsWith('GET /v1/'))).toEqual([
      'GET /plain.html',
      'GET /doorway.js',
    ])
    expect(requests.filter((request) => request.includes('/v1/')).every((request) => request.includes('/v1/bots/demo'))).toBe(true)
    expect(requests).toContain('POST /v1/bots/demo/session')
    const font = await page.locator('doorway-widget .launcher').evaluate((element) => getComputedStyle(element).position)
    expect(font).toBe('fixed')
    await page.close()
  })

  it('looks the same on a page with hostile CSS (* { all: unset }, !important resets)', async () => {
    const plainPage = await load('plain.html')
    const plain = await shoot(plainPage, 'plain')
    const hostilePage = await load('hostile.html')
    const hostile = await shoot(hostilePage, 'hostile')
    expect(hostile.launcherBox).toEqual(plain.launcherBox)
    expect(hostile.box).toEqual(plain.box)
    expect(await differingPixels(hostile.closed, plain.closed), 'launcher pixels differ').toBe(0)
    expect(await differingPixels(hostile.panel, plain.panel), 'panel pixels differ: see test-results/smoke-*-panel.png').toBe(0)
    const font = await hostilePage
      .locator('doorway-widget .bubble')
      .first()
      .evaluate((element) => getComputedStyle(element).fontFamily)
    expect(font).not.toContain('Comic Sans')
    await plainPage.close()
    await hostilePage.close()
  })

  it('removes every node on destroy, and window.Doorway with it', async () => {
    const page = await load('plain.html')
    await page.evaluate(() => (window as unknown as { Doorway: (command: string) => void }).Doorway('destroy'))
    expect(await page.evaluate(() => document.querySelectorAll('doorway-widget').length)).toBe(0)
    expect(await page.evaluate(() => typeof (window as unknown as { Doorway?: unknown }).Doorway)).toBe('undefined')
    await page.close()
  })
})
