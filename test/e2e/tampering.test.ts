import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { root, useBrowserAndDemo, visible } from './harness.ts'

// A host page that replaced a built-in before the script loaded: the widget refuses to start
// with one console error, before it scrubs, stores or sends anything (docs/security.md).
const env = useBrowserAndDemo()

const QUERY = '?ref=giveaway--456&bs_ref=user:email:ann%40example.com'

async function load(patch: string) {
  const context = await env.browser.newContext()
  const page = await context.newPage()
  const errors: string[] = []
  const api: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/v1/')) api.push(request.url())
  })
  if (patch) await page.addInitScript(patch)
  await page.route(
    (url) => url.pathname === '/plain.html',
    (route) => route.fulfill({ contentType: 'text/html', body: readFileSync(join(root, 'test', 'fixtures', 'plain.html')) }),
  )
  await page.goto(`${env.demo.base}/plain.html${QUERY}`)
  return { page, errors, api, close: () => context.close() }
}

const search = (page: Page) => page.evaluate(() => location.search)
const stored = (page: Page) => page.evaluate(() => localStorage.length)

const PATCHES: [string, string, string][] = [
  ['Object.prototype.then', 'Object.prototype.then = function () {}', 'Object.prototype.then'],
  [
    'fetch, by one that answers 200',
    `window.fetch = async () => new Response('{"contactId":"c","results":[],"messages":[],"lastSeq":0}', { status: 200, headers: { 'Content-Type': 'application/json' } })`,
    'fetch',
  ],
  ['JSON.stringify, returning "{}"', `JSON.stringify = () => '{}'`, 'JSON'],
  ['Array.prototype.map, returning []', 'Array.prototype.map = function () { return [] }', 'Array.prototype.map'],
  ['fetch, by a bound function (which prints as native code)', `window.fetch = (async () => new Response('{}')).bind(null)`, 'fetch'],
]

// What monitoring scripts do (Sentry's FunctionToString integration): wrap fetch, and make
// Function.prototype.toString print a wrapper as its original.
const TRANSPARENT_WRAPPER = `
  const original = window.fetch
  const print = Function.prototype.toString
  const wrapped = function fetch(...args) { return original.apply(this, args) }
  wrapped.__original__ = original
  Function.prototype.toString = function (...args) { return print.apply(this.__original__ || this, args) }
  window.fetch = wrapped
`

describe('a host page that replaced a built-in', () => {
  for (const [what, patch, named] of PATCHES) {
    it(`${what}: one console error, the address untouched, nothing stored or sent`, async () => {
      const { page, errors, api, close } = await load(patch)
      await expect.poll(() => errors.length).toBeGreaterThan(0)
      // Give a started widget every chance to scrub, store or send.
      await page.waitForTimeout(1000)
      expect(errors).toHaveLength(1)
      expect(errors[0]).toMatch(/^Doorway: /)
      expect(errors[0]).toContain(named)
      expect(await search(page)).toBe(QUERY)
      expect(await stored(page)).toBe(0)
      expect(api).toEqual([])
      expect(await page.locator('doorway-widget').count()).toBe(0)
      await close()
    })
  }

  for (const [what, patch] of [
    ['nothing', ''],
    ['fetch by a transparent wrapper, as monitoring scripts do', TRANSPARENT_WRAPPER],
  ]) {
    it(`a page that replaced ${what}: the widget starts and the backend has the link`, async () => {
      const { page, errors, api, close } = await load(patch)
      await expect.poll(visible(page.locator('doorway-widget .launcher'))).toBe(true)
      await expect.poll(() => search(page)).toBe('')
      const token = await page.evaluate(() => localStorage.getItem('doorway:demo:token') as string)
      await expect.poll(async () => (await env.demo.contactOf(token)).user?.email).toBe('ann@example.com')
      expect((await env.demo.contactOf(token)).fields).toContainEqual({ id: '738', name: 'coupon', value: '456' })
      expect(api.length).toBeGreaterThan(0)
      expect(errors).toEqual([])
      await close()
    })
  }
})
