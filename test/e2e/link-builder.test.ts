import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import jsQR from 'jsqr'
import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { buildEntryLink, type Channel, type Dialect, type LinkIntent, parseEntryLink } from '../../widget/entry/index.ts'
import { ADMIN } from '../demo/server-harness.ts'
import { count, pngPixels, root, text, useBrowserAndDemo, visible } from './harness.ts'

// The link builder page (demo/admin/links.html) in Chromium against `npm run demo`'s server.
const env = useBrowserAndDemo()
const AXE = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')
const SCREENSHOTS = join(root, 'test-results', 'screenshots')
const TARGETS: Record<Exclude<Channel, 'web'>, string> = {
  messenger: 'doorwayshoes',
  instagram: 'doorway.shoes',
  whatsapp: '4915112345678',
  telegram: 'DoorwayBot',
  viber: 'doorway',
  sms: '+4915112345678',
}
const CHANNELS: Channel[] = ['web', 'messenger', 'instagram', 'whatsapp', 'telegram', 'viber', 'sms']

async function open(viewport = { width: 1280, height: 900 }): Promise<{ page: Page; context: BrowserContext; addresses: string[] }> {
  const context = await env.browser.newContext({ viewport, acceptDownloads: true })
  const page = await context.newPage()
  const addresses: string[] = []
  page.on('request', (request) => addresses.push(request.url()))
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text())
  })
  page.on('pageerror', (error) => {
    throw error
  })
  await page.goto(`${env.demo.base}/admin/links.html`)
  return { page, context, addresses }
}

async function signIn(page: Page) {
  await page.getByLabel('ADMIN_TOKEN').fill(ADMIN)
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect.poll(visible(page.getByLabel('Entry link or block'))).toBe(true)
}

const card = (page: Page, channel: Channel) => page.locator(`article[data-channel="${channel}"]`)
const linkOf = (page: Page, channel: Channel) => card(page, channel).locator('[data-link]')

async function fillTargets(page: Page) {
  for (const [channel, to] of Object.entries(TARGETS)) await page.locator(`#to-${channel}`).fill(to)
}

async function addValue(page: Page, kind: 'custom field' | 'system attribute' | 'variable', name: string, value: string) {
  await page.getByRole('button', { name: `Add a ${kind}` }).click()
  const id = (await page.locator('.value-row select[id^="name-"]').last().getAttribute('id')) as string
  const n = id.slice('name-'.length)
  await page.locator(`#name-${n}`).selectOption(name)
  const input = page.locator(`#value-${n}`)
  if ((await input.evaluate((e) => e.tagName)) === 'SELECT') await input.selectOption(value)
  else await input.fill(value)
  return n
}

/** What the admin page's CSP refused, on any page: the page itself must need nothing it forbids. */
const cspViolations: string[] = []
const readers = new WeakMap<BrowserContext, Page>()

/** The QR code's PNG, downloaded as a marketer would, drawn into a canvas and read back by jsQR. */
async function scanDownloadedQr(page: Page, channel: Channel): Promise<string | null> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card(page, channel)
      .getByRole('link', { name: /Download PNG/ })
      .click(),
  ])
  expect(download.suggestedFilename()).toBe(`doorway-${channel}.png`)
  const reader = readers.get(page.context()) ?? (await page.context().newPage())
  readers.set(page.context(), reader)
  const pixels = await pngPixels(reader, readFileSync(await download.path()))
  return jsQR(pixels.data, pixels.width, pixels.height)?.data ?? null
}

async function axe(page: Page): Promise<string[]> {
  // Evaluated rather than added as a script tag: the page's CSP refuses inline scripts, rightly.
  await page.evaluate(AXE)
  return page.evaluate(async () => {
    type Result = { violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }
    const result: Result = await (window as unknown as { axe: { run(): Promise<Result> } }).axe.run()
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${v.help} at ${JSON.stringify(n.target)}`))
  })
}

describe('the link builder page', () => {
  it('asks for the token, keeps it out of the address, and asks again when the server refuses it', async () => {
    const { page, context, addresses } = await open()
    const input = page.getByLabel('ADMIN_TOKEN')
    await expect.poll(visible(input)).toBe(true)
    expect(await page.getByLabel('Entry link or block').count()).toBe(0)
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true')
    expect(await page.locator(`#${await input.getAttribute('aria-describedby')}`).textContent()).toMatch(/Enter the admin token/)

    await input.fill('wrong-token')
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect.poll(text(page.locator('#admin-token-problem'))).toMatch(/refused this token \(401: send the ADMIN_TOKEN/)
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0)

    await signIn(page)
    expect(await page.evaluate(() => sessionStorage.getItem('doorway-admin-token'))).toBe(ADMIN)
    await page.reload()
    await expect.poll(visible(page.getByLabel('Entry link or block'))).toBe(true)
    // The token never goes into an address: not this page's, not any request's.
    expect(addresses.filter((address) => address.includes(ADMIN))).toEqual([])
    expect(page.url()).toBe(`${env.demo.base}/admin/links.html`)
    // For this tab only: another tab asks again.
    const other = await context.newPage()
    await other.goto(`${env.demo.base}/admin/links.html`)
    await expect.poll(visible(other.getByLabel('ADMIN_TOKEN'))).toBe(true)
    await context.close()
  })

  it('checks every input next to it', async () => {
    const { page, context } = await open()
    await signIn(page)
    const n = await addValue(page, 'custom field', '514', '')
    const value = page.locator(`#value-${n}`)
    expect(await value.getAttribute('type')).toBe('number')
    await page.locator(`#name-${n}`).selectOption('newsletter_email')
    await value.fill('not-an-address')
    await expect.poll(() => value.getAttribute('aria-invalid')).toBe('true')
    const problem = page.locator(`#${(await value.getAttribute('aria-describedby'))?.split(' ').pop()}`)
    expect(await problem.textContent()).toMatch(/newsletter_email: email must be one address like name@example.com/)
    await value.fill('ana@example.com')
    await expect.poll(() => value.getAttribute('aria-invalid')).toBe('false')

    await page.locator('#to-telegram').fill('no spaces allowed')
    await expect.poll(text(page.locator('#to-telegram-problem'))).toMatch(/Telegram bot username is 4 to 32/)
    await page.locator('#sign').check()
    await page.locator('#ttl').fill('0')
    await expect.poll(text(page.locator('#ttl-problem'))).toMatch(/whole number of hours/)
    await page.locator('#sign').uncheck()

    // A page address that already carries entry parameters, a merge tag that would break the
    // link when left unfilled, user_id as a merge tag: each said next to its input.
    await page.locator('#to-web').fill(`${env.demo.base}/?sig=abc&exp=1&ref=giveaway`)
    await expect.poll(text(page.locator('#to-web-problem'))).toMatch(/remove ref=, sig=, exp= from the address/)
    expect(await page.locator('#to-web').getAttribute('aria-invalid')).toBe('true')
    await page.locator('#to-web').fill(`${env.demo.base}/`)
    const tag = await addValue(page, 'system attribute', 'email', '')
    await page.locator(`#merge-${tag}`).check()
    await page.locator(`#value-${tag}`).fill('{{a--user_id--victim}}')
    await expect.poll(text(page.locator(`#value-${tag}-problem`))).toMatch(/a merge tag cannot hold "--"/)
    const id = await addValue(page, 'system attribute', 'user_id', '')
    await page.locator(`#merge-${id}`).check()
    await page.locator(`#value-${id}`).fill('{{user_id}}')
    await expect
      .poll(text(page.locator(`#value-${id}-problem`)))
      .toMatch(/user_id needs a signed link, and a signed link cannot hold merge tags/)
    expect(await axe(page)).toEqual([])
    await context.close()
  })

  // What each dialect's form sets, and the intent it must carry: buildEntryLink, run here, says
  // which channels carry it and why the others cannot, and the page must say the same.
  const FORMS: Record<Dialect, { fill(page: Page): Promise<void>; intent: LinkIntent }> = {
    dashed: {
      async fill(page) {
        await page.getByLabel('Entry link or block').selectOption('link:giveaway')
        await page.getByLabel('Payload (optional)').fill('T-777')
        await addValue(page, 'system attribute', 'gender', 'female')
        await addValue(page, 'system attribute', 'birthday', '1990-04-12')
        await addValue(page, 'custom field', '514', '42')
      },
      intent: {
        ref: 'giveaway',
        payload: 'T-777',
        user: { gender: 'female', birthday: '1990-04-12' },
        fields: [{ key: 'shoe_size', value: '42' }],
      },
    },
    segments: {
      async fill(page) {
        await page.getByLabel('Entry link or block').selectOption('block:captured')
        await addValue(page, 'variable', 'color', 'green')
        await addValue(page, 'custom field', '514', '42')
      },
      intent: { block: 'captured', variables: { color: 'green' }, fields: [{ key: 'shoe_size', value: '42' }] },
    },
    base64json: {
      async fill(page) {
        await addValue(page, 'system attribute', 'email', 'ana@example.com')
      },
      intent: { user: { email: 'ana@example.com' } },
    },
  }

  for (const dialect of ['dashed', 'segments', 'base64json'] as Dialect[]) {
    it(`builds a ${dialect} link for every channel that carries it, and says why the others cannot`, async () => {
      const { page, context } = await open()
      await signIn(page)
      const { fill, intent } = FORMS[dialect]
      await fill(page)
      await page.getByLabel('Dialect').selectOption(dialect)
      await fillTargets(page)
      const to = (channel: Channel) => (channel === 'web' ? `${env.demo.base}/` : TARGETS[channel])
      let links = 0
      for (const channel of CHANNELS) {
        const expected = buildEntryLink(intent, { channel, to: to(channel), dialect })
        await expect
          .poll(async () => (await linkOf(page, channel).count()) + (await card(page, channel).locator('[data-reasons]').count()))
          .toBe(1)
        if (!expected.ok) {
          const reasons = (await card(page, channel).locator('[data-reasons]').textContent()) as string
          for (const error of expected.errors) expect(reasons, channel).toContain(error.message)
          continue
        }
        links++
        const link = (await linkOf(page, channel).textContent()) as string
        expect(link, channel).toBe(expected.link)
        const decoded = parseEntryLink(link, channel === 'web' ? undefined : { params: { ref: [expected.param] } })
        expect(decoded.rejected, link).toEqual([])
        expect(decoded.dialect, link).toBe(dialect)
        expect(decoded).toMatchObject({ ref: null, block: null, payload: null, fields: [], user: {}, variables: {}, ...intent })
        expect(await scanDownloadedQr(page, channel), `${channel} QR`).toBe(link)
      }
      const [svg] = await Promise.all([
        page.waitForEvent('download'),
        card(page, 'web')
          .getByRole('link', { name: /Download SVG/ })
          .click(),
      ])
      expect(svg.suggestedFilename()).toBe('doorway-web.svg')
      expect(readFileSync(await svg.path(), 'utf8')).toMatch(/^<\?xml[^>]*>\s*<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
      expect(links).toBeGreaterThanOrEqual(dialect === 'segments' ? 5 : 6)
      mkdirSync(SCREENSHOTS, { recursive: true })
      await page.screenshot({ path: join(SCREENSHOTS, `link-builder-${dialect}.png`), fullPage: true })

      if (dialect === 'dashed') {
        // "Try it" opens the QA page with the link: the chat starts where the builder said, with the fields stored.
        const [qa] = await Promise.all([
          context.waitForEvent('page'),
          card(page, 'web').getByRole('link', { name: 'Try it on the QA page' }).click(),
        ])
        await expect.poll(text(qa.locator('doorway-widget .message.bot .bubble').first())).toBe("You're in the giveaway with ticket T-777.")
        const token = await qa.evaluate(() => localStorage.getItem('doorway:demo:token') as string)
        const contact = await env.demo.contactOf(token)
        expect(contact.fields).toContainEqual({ id: '738', name: 'coupon', value: 'T-777' })
        expect(contact.fields).toContainEqual({ id: '514', name: 'shoe_size', value: '42' })
        expect(contact.user).toMatchObject({ gender: 'female', birthday: '1990-04-12' })
      }
      await context.close()
    })
  }

  it('writes a merge tag into the link as typed, for the mail tool to fill in', async () => {
    const { page, context } = await open()
    await signIn(page)
    await page.getByLabel('Entry link or block').selectOption('link:FLOW9')
    const n = await addValue(page, 'system attribute', 'email', '')
    await page.locator(`#merge-${n}`).check()
    await page.locator(`#value-${n}`).fill('{{email}}')
    await expect.poll(text(linkOf(page, 'web'))).toBe(`${env.demo.base}/?ref=FLOW9--email--{{email}}`)
    expect(await card(page, 'web').locator('.qr').count()).toBe(0)
    // Filled in by the mail tool, the link carries the address.
    const filled = ((await linkOf(page, 'web').textContent()) as string).replace('{{email}}', encodeURIComponent('ana@example.com'))
    expect(parseEntryLink(filled).user).toEqual({ email: 'ana@example.com' })
    await page.getByLabel('Entry link or block').selectOption({ index: 0 })
    await page.getByLabel('Dialect').selectOption('base64json')
    await expect
      .poll(text(card(page, 'web').locator('[data-reasons]')))
      .toMatch(/base64json dialect cannot carry the merge tag \{\{email\}\}/)
    await context.close()
  })

  it('signs the web link on the server, and the chat stores the signed user_id', async () => {
    const { page, context } = await open()
    await signIn(page)
    await page.getByLabel('Entry link or block').selectOption('link:FLOW9')
    const n = await addValue(page, 'system attribute', 'user_id', 'cust-e2e-1')
    await expect.poll(text(page.locator(`#value-${n}-problem`))).toMatch(/turn on signing/)
    await page.locator('#sign').check()
    await page.locator('#ttl').fill('2')
    await expect.poll(text(linkOf(page, 'web'))).toMatch(/&exp=\d+&sig=/)
    const link = (await linkOf(page, 'web').textContent()) as string
    const exp = Number(new URL(link).searchParams.get('exp'))
    expect(exp - Date.now() / 1000).toBeGreaterThan(7100)
    expect(exp - Date.now() / 1000).toBeLessThan(7300)
    expect(await scanDownloadedQr(page, 'web')).toBe(link)
    const [qa] = await Promise.all([
      context.waitForEvent('page'),
      card(page, 'web').getByRole('link', { name: 'Try it on the QA page' }).click(),
    ])
    await expect.poll(text(qa.locator('doorway-widget .message.bot .bubble').first())).toMatch(/^Here is everything your link carried:/)
    const token = await qa.evaluate(() => localStorage.getItem('doorway:demo:token') as string)
    expect((await env.demo.contactOf(token)).user).toMatchObject({ user_id: 'cust-e2e-1' })
    await context.close()
  })

  it('shows no unsigned web link while signing is on: not while it signs, nor when signing fails', async () => {
    const { page, context } = await open()
    await signIn(page)
    await page.getByLabel('Entry link or block').selectOption('link:FLOW9')
    await addValue(page, 'system attribute', 'user_id', 'cust-42')
    // The server's answer held back, to see the page while it signs.
    let release = () => {}
    const answer = new Promise<void>((resolve) => {
      release = resolve
    })
    await page.route('**/sign', async (route) => {
      await answer
      await route.continue()
    })
    await page.locator('#sign').check()
    const web = card(page, 'web')
    const nothingToCopy = async () => {
      expect(await web.locator('[data-link]').count()).toBe(0)
      expect(await web.getByRole('button', { name: /Copy/ }).count()).toBe(0)
      expect(await web.getByRole('link', { name: 'Try it on the QA page' }).count()).toBe(0)
      expect(await web.locator('.qr').count()).toBe(0)
    }
    await expect.poll(text(web.locator('[data-withheld]'))).toBe('Signing…')
    await nothingToCopy()
    release()
    await expect.poll(text(linkOf(page, 'web'))).toMatch(/^[^?]*\?ref=FLOW9--user_id--cust-42&exp=\d+&sig=/)
    await page.unroute('**/sign')

    // Unsigned, the link fits in 2,000 characters; signed, it does not.
    await page.locator('#to-web').fill(`https://shop.example/${'a'.repeat(1930)}`)
    await expect.poll(text(web.locator('[data-withheld]'))).toMatch(/^Not signed: the signed link is \d+ characters, over 2000$/)
    await nothingToCopy()
    expect(await axe(page)).toEqual([])
    await context.close()
  })

  for (const [name, viewport] of [
    ['desktop', { width: 1280, height: 900 }],
    ['375px', { width: 375, height: 800 }],
  ] as const) {
    it(`has no axe violation and no sideways scrolling at ${name}`, async () => {
      const { page, context } = await open(viewport)
      await expect.poll(visible(page.getByLabel('ADMIN_TOKEN'))).toBe(true)
      expect(await axe(page)).toEqual([])
      await signIn(page)
      await page.getByLabel('Entry link or block').selectOption('link:giveaway')
      await addValue(page, 'system attribute', 'gender', 'female')
      const n = await addValue(page, 'custom field', 'newsletter_email', 'ana@')
      await fillTargets(page)
      await expect.poll(() => page.locator(`#value-${n}`).getAttribute('aria-invalid')).toBe('true')
      expect(await axe(page)).toEqual([])
      await page.locator(`#value-${n}`).fill('ana@example.com')
      await expect.poll(count(page.locator('[data-link], [data-reasons]'))).toBe(7)
      expect(await axe(page)).toEqual([])
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width)
      expect(cspViolations).toEqual([])
      mkdirSync(SCREENSHOTS, { recursive: true })
      await page.screenshot({ path: join(SCREENSHOTS, `link-builder-${name}.png`), fullPage: true })
      await context.close()
    })
  }
})
