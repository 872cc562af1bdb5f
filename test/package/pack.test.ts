import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { extname, join, normalize } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, root, startDemo, visible } from '../e2e/harness.ts'
import { buildProject, createProject, typeCheck } from './project.ts'

// The artifact an app installs (STYLE.md, habit 8): `npm pack`, a fresh project that installs
// the tarball, imports `doorway`, `doorway/entry` and `doorway/element`, is type-checked and
// built with Vite, and runs in Chromium against the real backend. The script tag's data-element
// is checked here too: both are ways in to the same element.
const run = promisify(execFile)
const BASE = '/app/'
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' }

const context = {} as {
  dir: string
  tarball: { file: string; size: number; unpackedSize: number; files: string[] }
  built: string
  browser: Browser
  demo: Awaited<ReturnType<typeof startDemo>>
}

beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'package', 'index.js')))
    throw new Error('dist/package is missing: run `npm run build` first (npm test does)')
  context.dir = mkdtempSync(join(tmpdir(), 'doorway-pack-'))
  const started = Promise.all([launchBrowser(), startDemo()])
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', context.dir], { cwd: root, timeout: 60_000 })
  const [packed] = JSON.parse(stdout) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[]
  context.tarball = { ...packed, file: join(context.dir, packed.filename), files: packed.files.map((file) => file.path) }
  const project = join(context.dir, 'project')
  await createProject(project, context.tarball.file)
  context.built = await buildProject(project, BASE)
  ;[context.browser, context.demo] = await started
}, 240_000)

afterAll(async () => {
  await context.browser?.close()
  await context.demo?.close()
  if (context.dir) rmSync(context.dir, { recursive: true, force: true })
})

/** A page of the built project, served on the backend's own origin as an app's pages would be on theirs. */
async function visit(path: string) {
  const page = await context.browser.newPage()
  const errors: string[] = []
  const scripts: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') errors.push(message.text())
  })
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname)
  })
  await page.route(`${context.demo.base}${BASE}**`, (route) => {
    const name = normalize(new URL(route.request().url()).pathname.slice(BASE.length) || 'index.html')
    const file = join(context.built, name)
    if (name.startsWith('..') || !existsSync(file)) return route.fulfill({ status: 404, body: '' })
    return route.fulfill({ contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) })
  })
  await page.goto(`${context.demo.base}${BASE}${path}`)
  return { page, errors, scripts }
}

/** What the project's mount.ts leaves on the window. */
type AppWindow = { decoded: unknown; early: Promise<unknown>; mountAgain(): unknown; doorway: { close(): unknown; destroy(): unknown } }

const tokenOf = (page: Page) => page.evaluate(() => localStorage.getItem('doorway:demo:token') as string)
const nodesLeft = (page: Page) =>
  page.evaluate(
    () => document.querySelectorAll('doorway-widget, iframe').length + document.head.querySelectorAll('script:not([type])').length,
  )

describe('the packed package', () => {
  it('holds only the package: its modules, declarations and the manifest', () => {
    const { files, size } = context.tarball
    expect(files).toContain('package.json')
    expect(files).toContain('dist/package/index.js')
    expect(files).toContain('dist/package/types/entry/index.d.ts')
    expect(files.filter((file) => !/^(package\.json|README\.md|LICENSE|dist\/package\/.+)$/.test(file))).toEqual([])
    console.log(`npm pack: ${context.tarball.file.split('/').pop()}, ${(size / 1024).toFixed(1)} kB, ${files.length} files`)
  })

  it('type-checks in a fresh project: doorway, doorway/entry and the element, with strict settings', async () => {
    await typeCheck(join(context.dir, 'project'))
  }, 120_000)

  it('mounts from mountDoorway in a page built with Vite, applies the link and scrubs it', async () => {
    const { page, errors } = await visit('index.html?ref=giveaway--456&utm_source=mail')
    await expect.poll(visible(page.locator('doorway-widget .launcher'))).toBe(true)
    await expect.poll(() => page.evaluate(() => location.search)).toBe('?utm_source=mail')
    // doorway/entry decoded the same link the widget applied.
    expect(await page.evaluate(() => (window as unknown as AppWindow).decoded)).toMatchObject({
      dialect: 'dashed',
      ref: 'giveaway',
      payload: '456',
    })
    const token = await tokenOf(page)
    await expect.poll(async () => (await context.demo.contactOf(token)).fields).toContainEqual({ id: '738', name: 'coupon', value: '456' })
    // The set called before the widget was ready resolved once the backend had stored it.
    expect(await page.evaluate(() => (window as unknown as AppWindow).early)).toMatchObject([{ key: 'email', status: 'stored' }])
    expect((await context.demo.contactOf(token)).user?.email).toBe('early@example.com')
    // The link names a flow: the chat opened, its code split off by the app's bundler and loaded.
    await expect.poll(visible(page.locator('doorway-widget [role="dialog"]'))).toBe(true)
    // The API: the same commands as window.Doorway, and no window.Doorway.
    expect(await page.evaluate(() => typeof (window as unknown as { Doorway?: unknown }).Doorway)).toBe('undefined')
    // One widget a page: a second is one warning, and draws nothing.
    await page.evaluate(() => (window as unknown as AppWindow).mountAgain())
    await expect.poll(() => errors).toEqual(['Doorway: a widget is on this page already; destroy it first. The widget is not shown.'])
    expect(await page.locator('doorway-widget').count()).toBe(1)
    errors.length = 0
    await page.evaluate(() => (window as unknown as AppWindow).doorway.close())
    await expect.poll(visible(page.locator('doorway-widget [role="dialog"]'))).toBe(false)
    await page.evaluate(() => (window as unknown as AppWindow).doorway.destroy())
    expect(await nodesLeft(page)).toBe(0)
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)

  it('applies the link of the address as it is when mountDoorway is called, after the page loaded', async () => {
    const { page, errors } = await visit('later.html')
    await expect.poll(visible(page.locator('doorway-widget .launcher'))).toBe(true)
    const token = await tokenOf(page)
    await expect.poll(async () => (await context.demo.contactOf(token)).fields).toContainEqual({ id: '738', name: 'coupon', value: '654' })
    await expect.poll(() => page.evaluate(() => location.search)).toBe('')
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)

  it('loads the chat only when it is wanted: the bundler split it into a file of its own', async () => {
    const { page, scripts } = await visit('index.html')
    await expect.poll(visible(page.locator('doorway-widget .launcher'))).toBe(true)
    const before = [...scripts]
    await page.locator('doorway-widget .launcher').click()
    await expect.poll(visible(page.locator('doorway-widget [role="dialog"]'))).toBe(true)
    expect(scripts.length).toBeGreaterThan(before.length)
    await page.close()
  }, 60_000)

  it('defines <doorway-chat> from doorway/element: it mounts, applies the link and leaves no node when removed', async () => {
    const { page, errors } = await visit('element.html?ref=giveaway--789')
    await expect.poll(visible(page.locator('doorway-widget .launcher'))).toBe(true)
    const token = await tokenOf(page)
    await expect.poll(async () => (await context.demo.contactOf(token)).fields).toContainEqual({ id: '738', name: 'coupon', value: '789' })
    expect(await page.evaluate(() => typeof document.querySelector('doorway-chat')?.doorway?.open)).toBe('function')
    await page.evaluate(() => document.querySelector('doorway-chat')?.remove())
    expect(await nodesLeft(page)).toBe(0)
    expect(await page.evaluate(() => document.querySelector('doorway-chat')?.doorway ?? null)).toBeNull()
    // Put back, it starts again; removed again, it is gone again.
    // As a framework does: the element first, its attributes right after.
    await page.evaluate(() => {
      const element = document.body.appendChild(Object.assign(document.createElement('doorway-chat'), { id: 'again' }))
      element.setAttribute('bot', 'demo')
      element.setAttribute('api', '/')
    })
    await expect.poll(visible(page.locator('doorway-widget .launcher'))).toBe(true)
    await page.evaluate(() => document.getElementById('again')?.remove())
    expect(await nodesLeft(page)).toBe(0)
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)
})

describe('the script tag with data-element', () => {
  it('defines <doorway-chat> instead of starting itself: the element mounts, applies the link and leaves no node when removed', async () => {
    const page = await context.browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') errors.push(message.text())
    })
    // The backend is where doorway.js came from, as with data-api left out.
    const html =
      '<!doctype html><html lang="en"><head><link rel="icon" href="data:,"></head><body><doorway-chat bot="demo"></doorway-chat><script src="/doorway.js" data-element async></script></body></html>'
    await page.route(
      (url) => url.pathname === '/markup.html',
      (route) => route.fulfill({ contentType: 'text/html', body: html }),
    )
    await page.goto(`${context.demo.base}/markup.html?ref=giveaway--321`)
    await expect.poll(visible(page.locator('doorway-widget .launcher'))).toBe(true)
    const token = await tokenOf(page)
    await expect.poll(async () => (await context.demo.contactOf(token)).fields).toContainEqual({ id: '738', name: 'coupon', value: '321' })
    // The element's API, once the widget is ready; no window.Doorway.
    await expect.poll(() => page.evaluate(() => typeof document.querySelector('doorway-chat')?.doorway?.open)).toBe('function')
    expect(await page.evaluate(() => typeof (window as unknown as { Doorway?: unknown }).Doorway)).toBe('undefined')
    await page.evaluate(() => document.querySelector('doorway-chat')?.remove())
    expect(await nodesLeft(page)).toBe(0)
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)
})
