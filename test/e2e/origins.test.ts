import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, kill, spawnDemo } from '../demo/server-harness.ts'
import { launchBrowser, visible } from './harness.ts'

// A site owner pastes the snippet on a page of an origin the bot does not allow (README,
// "Embedding"): the widget says so in one console line naming the origin and where to allow
// it, stops trying, and keeps the link for a page view that may send it. The shop's page is
// served by a server of its own on another port: another origin, on loopback as the backend.

let browser: Browser
let shop: Server
let shopOrigin = ''
let backend = ''
beforeAll(async () => {
  browser = await launchBrowser()
  shop = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!doctype html><html lang="en"><head><link rel="icon" href="data:,"><script>
window.doorwayErrors = []
window.Doorway = (...args) => { (window.Doorway.q = window.Doorway.q || []).push(args) }
Doorway('on', 'error', (error) => window.doorwayErrors.push(error))
</script></head><body><p>A shop</p>
<script src="${backend}/doorway.js" data-bot="demo" data-open="never" async></script></body></html>`)
  })
  await new Promise<void>((done) => shop.listen(0, '127.0.0.1', done))
  shopOrigin = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`
})
afterAll(async () => {
  await browser?.close()
  await new Promise((done) => shop?.close(done))
})

/** The demo backend with `env`, and a page on the other loopback name that embeds it. */
async function embedAcrossOrigins(env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'doorway-origins-'))
  const demo = await spawnDemo(dataDir, env)
  backend = demo.base
  const pageOrigin = shopOrigin
  const page = await browser.newPage()
  const warnings: string[] = []
  page.on('console', (message) => {
    if (message.text().startsWith('Doorway:')) warnings.push(message.text())
  })
  const requests: string[] = []
  page.on('request', (request) => {
    if (request.url().startsWith(`${demo.base}/v1/`)) requests.push(`${request.method()} ${new URL(request.url()).pathname}`)
  })
  await page.goto(`${pageOrigin}/shop.html?ref=giveaway--ORIGIN-7`)
  await expect.poll(visible(page.locator('doorway-widget .launcher'))).toBe(true)
  const close = async () => {
    await page.close()
    await kill(demo.child)
    rmSync(dataDir, { recursive: true, force: true })
  }
  return { demo, page, pageOrigin, warnings, requests, close }
}

const coupon = async (base: string, page: Page) => {
  const token = await page.evaluate(() => localStorage.getItem('doorway:demo:token') as string)
  const me = await fetch(`${base}/v1/bots/demo/me`, { headers: { Authorization: `Bearer ${token}` } })
  if (me.status !== 200) return null
  const { contactId } = await me.json()
  const contact = await (
    await fetch(`${base}/v1/admin/bots/demo/contacts/${contactId}`, { headers: { Authorization: `Bearer ${ADMIN}` } })
  ).json()
  return contact.fields.find((field: { id: string }) => field.id === '738')?.value ?? null
}

describe('a page whose origin the bot does not allow', () => {
  it('gets one console line naming its origin and where to allow it, one error event, and no retries; the link is kept', async () => {
    const { demo, page, pageOrigin, warnings, requests, close } = await embedAcrossOrigins()
    const message = `this page's origin ${pageOrigin} is not allowed for bot "demo": add it to "allowedOrigins" in the bot's file (or, with npm run demo, to ALLOWED_ORIGINS)`
    await expect.poll(() => warnings).toContain(`Doorway: ${message}`)
    await page.waitForTimeout(3000)
    expect(warnings.filter((warning) => warning.includes('is not allowed'))).toHaveLength(1)
    const errors = await page.evaluate(() => (window as unknown as { doorwayErrors: { code: string }[] }).doorwayErrors)
    expect(errors.filter((error) => error.code === 'origin_not_allowed')).toEqual([{ code: 'origin_not_allowed', message }])
    // The session once, no retry loop; nothing reached the contact.
    expect(requests.filter((request) => request === 'POST /v1/bots/demo/session')).toHaveLength(1)
    expect(await coupon(demo.base, page)).toBeNull()
    // The link waits in the outbox for a page view that may send it.
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('doorway:demo:outbox:')).length)
    expect(kept).toBe(1)
    await close()
  })

  it('works once npm run demo is given the origin in ALLOWED_ORIGINS', async () => {
    const { demo, page, warnings, close } = await embedAcrossOrigins({ ALLOWED_ORIGINS: `https://other.example, ${shopOrigin}/` })
    await expect.poll(() => coupon(demo.base, page), { timeout: 10_000 }).toBe('ORIGIN-7')
    expect(warnings.filter((warning) => warning.includes('is not allowed'))).toEqual([])
    await close()
  })
})
