import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, chromium, type Locator, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { ADMIN, kill, root, spawnDemo } from '../demo/server-harness.ts'

export { root }

/** Debian's Chromium, as the machine and CI have it; browsers are never downloaded. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`)
  if (!existsSync(join(root, 'dist', 'doorway.js')))
    throw new Error('dist/doorway.js is missing: run `npm run build` first (npm test does)')
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** A free loopback port, for a server that must come back on the same address. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** `npm run demo`'s server (demo/cli/main.ts) with its own data folder. */
export async function startDemo(port = 0) {
  const dataDir = mkdtempSync(join(tmpdir(), 'doorway-e2e-'))
  let demo = await spawnDemo(dataDir, { PORT: String(port) })
  const admin = async (path: string) => {
    const response = await fetch(`${demo.base}/v1/admin/bots/demo${path}`, { headers: { Authorization: `Bearer ${ADMIN}` } })
    // biome-ignore lint/suspicious/noExplicitAny: read by assertions
    return (await response.json()) as any
  }
  return {
    get base() {
      return demo.base
    },
    admin,
    /** The contact of the visitor whose token a page holds. */
    async contactOf(token: string) {
      const response = await fetch(`${demo.base}/v1/bots/demo/me`, { headers: { Authorization: `Bearer ${token}` } })
      // biome-ignore lint/suspicious/noExplicitAny: read by assertions
      const me = (await response.json()) as any
      return admin(`/contacts/${me.contactId}`)
    },
    async stop() {
      await kill(demo.child)
    },
    async restart() {
      demo = await spawnDemo(dataDir, { PORT: String(port || new URL(demo.base).port) })
    },
    async close() {
      await kill(demo.child)
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

// Readers of a locator for expect.poll, which retries them until the assertion holds.
export const text = (locator: Locator) => () => locator.textContent({ timeout: 500 })
export const visible = (locator: Locator) => () => locator.isVisible()
export const count = (locator: Locator) => () => locator.count()
export const attribute = (locator: Locator, name: string) => () => locator.getAttribute(name, { timeout: 500 })
/** Whether the element has focus in its own root (the widget's shadow root). */
export const focused = (locator: Locator) => () =>
  locator.evaluate((element) => (element.getRootNode() as Document | ShadowRoot).activeElement === element)

/** A PNG's pixels, RGBA, decoded by the browser in `page`: a canvas reads them back. */
export async function pngPixels(page: Page, png: Buffer): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const pixels = await page.evaluate(async (data) => {
    const image = new Image()
    image.src = `data:image/png;base64,${data}`
    await image.decode()
    const canvas = document.createElement('canvas')
    canvas.width = image.width
    canvas.height = image.height
    const context = canvas.getContext('2d') as CanvasRenderingContext2D
    context.drawImage(image, 0, 0)
    const bytes = context.getImageData(0, 0, image.width, image.height).data
    // As base64: a long array of numbers is slow to bring back to Node.
    let binary = ''
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
    return { width: image.width, height: image.height, data: btoa(binary) }
  }, png.toString('base64'))
  return { ...pixels, data: new Uint8ClampedArray(Buffer.from(pixels.data, 'base64')) }
}

/** A browser and a demo server for one test file, closed after it; `port` pins the server's address. */
export function useBrowserAndDemo(port?: () => Promise<number>) {
  const context = {} as { browser: Browser; demo: Awaited<ReturnType<typeof startDemo>>; port: number }
  beforeAll(async () => {
    context.port = port ? await port() : 0
    ;[context.browser, context.demo] = await Promise.all([launchBrowser(), startDemo(context.port)])
  })
  afterAll(async () => {
    await context.browser?.close()
    await context.demo?.close()
  })
  return context
}

/** A task that holds the main thread longer than this, in ms, is a long task (the Long Tasks API's threshold). */
export interface LongTask {
  start: number
  duration: number
}

/**
 * Records every long task of the pages `page` loads from their first script on (a
 * PerformanceObserver added before the page's own scripts); call it before `goto`. Returns
 * the reader of what was recorded since the page started.
 */
export async function recordLongTasks(page: ReturnType<Locator['page']>): Promise<() => Promise<LongTask[]>> {
  await page.addInitScript(() => {
    const tasks: LongTask[] = []
    ;(window as unknown as { doorwayLongTasks: LongTask[] }).doorwayLongTasks = tasks
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration })
    }).observe({ type: 'longtask', buffered: true })
  })
  return () => page.evaluate(() => (window as unknown as { doorwayLongTasks: LongTask[] }).doorwayLongTasks)
}
