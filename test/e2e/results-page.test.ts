import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { ADMIN } from '../demo/server-harness.ts'
import { root, text, useBrowserAndDemo, visible } from './harness.ts'

// The results page (demo/admin/results.html, docs/results.md) in Chromium: a visitor comes
// through three links and reaches a goal through the last; the page shows the opens and the
// conversions on its chart, in its tables and in the CSV it downloads, at 375 px as on a
// desktop, with axe finding nothing and the admin pages' CSP refusing nothing.
const env = useBrowserAndDemo()
const AXE = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')
const SCREENSHOTS = join(root, 'test-results', 'screenshots')
const today = () => new Date().toISOString().slice(0, 10)

async function visitThroughThreeLinks(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  const bot = page.locator('doorway-widget .message.bot .bubble')
  await page.goto(`${env.demo.base}/?ref=tutorial`)
  await expect.poll(text(bot.first())).toMatch(/^Welcome to the tutorial/)
  await page.goto(`${env.demo.base}/?ref=order`)
  await expect.poll(() => page.evaluate(() => location.search)).toBe('')
  await page.goto(`${env.demo.base}/?ref=giveaway--456`)
  await expect.poll(text(bot.last())).toBe('Which email should we write to if you win?')
  await page.locator('doorway-widget .composer textarea').fill('ann@example.com')
  await page.locator('doorway-widget .composer textarea').press('Enter')
  await expect.poll(text(bot.last())).toBe('Anything else?')
  await context.close()
}

/** The results page, past its token prompt, with every CSP refusal and page error recorded. */
async function openResults(browser: Browser, width: number): Promise<{ page: Page; refused: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true })
  const page = await context.newPage()
  const refused: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text())
  })
  page.on('pageerror', (error) => refused.push(`page error: ${error.message}`))
  await page.goto(`${env.demo.base}/admin/results.html`)
  await page.getByLabel('ADMIN_TOKEN').fill(ADMIN)
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect.poll(visible(page.locator('.results-table').first())).toBe(true)
  // The token stays out of every address the page has.
  expect(page.url()).not.toContain(ADMIN)
  return { page, refused }
}

async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated by the browser's debugger, not a script tag: the page's CSP refuses inline scripts, as it should.
  await page.evaluate(AXE)
  const found = await page.evaluate(async () => {
    type Found = { id: string; help: string; nodes: { target: unknown[] }[] }
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: Found[] }> } }).axe
    return (await axe.run(document)).violations
  })
  return found.flatMap((v) => v.nodes.map((node) => `${v.id}: ${v.help} at ${JSON.stringify(node.target)}`))
}

const cell = (page: Page, link: string, measure: string) => page.locator(`tr[data-link="${link}"] td[data-measure="${measure}"]`)

describe('the results page', () => {
  it('shows three links opened and a goal reached through them, on the chart, in the table and in the CSV', async () => {
    if (!existsSync(join(root, 'dist', 'admin', 'results.html')))
      throw new Error('dist/admin/results.html is missing: run `npx vite build --mode admin` (npm run build does)')
    await visitThroughThreeLinks(env.browser)
    for (const width of [375, 1280]) {
      const { page, refused } = await openResults(env.browser, width)
      // The table: each link opened once; the goal credited to tutorial (first) and giveaway (last).
      await expect.poll(text(cell(page, 'tutorial', 'opens'))).toBe('1')
      expect(await cell(page, 'order', 'opens').textContent()).toBe('1')
      expect(await cell(page, 'giveaway', 'opens').textContent()).toBe('1')
      expect(await cell(page, 'giveaway', 'visitorsWithFields').textContent()).toBe('1')
      expect(await cell(page, 'tutorial', 'conversionsFirstLink').textContent()).toBe('1')
      expect(await cell(page, 'tutorial', 'conversionsLastLink').textContent()).toBe('0')
      expect(await cell(page, 'giveaway', 'conversionsFirstLink').textContent()).toBe('0')
      expect(await cell(page, 'giveaway', 'conversionsLastLink').textContent()).toBe('1')
      expect(await cell(page, 'FLOW9', 'opens').textContent()).toBe('0')

      // The chart's data, as uPlot draws it: 30 days, today last, summed over the links.
      const data = (await page
        .locator('.results-chart')
        .evaluate((element) => (element as unknown as { chartData: number[][] }).chartData)) as number[][]
      expect(data[0]).toHaveLength(30)
      expect(new Date((data[0].at(-1) as number) * 1000).toISOString().slice(0, 10)).toBe(today())
      expect(data.slice(1).map((series) => series.at(-1))).toEqual([3, 3, 1, 1])
      expect(data.slice(1).map((series) => series.slice(0, -1).reduce((a, b) => a + b, 0))).toEqual([0, 0, 0, 0])
      expect(await page.locator('.results-chart canvas').count()).toBeGreaterThan(0)
      // One link's own line: giveaway's conversion is a last-link one.
      await page.getByLabel('Chart and days of').selectOption('giveaway')
      await expect
        .poll(() =>
          page
            .locator('.results-chart')
            .evaluate((element) => (element as unknown as { chartData: number[][] }).chartData.slice(1).map((s) => s.at(-1))),
        )
        .toEqual([1, 1, 0, 1])
      await page.getByLabel('Chart and days of').selectOption('')

      // The CSV, fetched with the token and saved from a Blob.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()])
      expect(download.suggestedFilename()).toMatch(/^demo-results-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/)
      const csv = readFileSync(await download.path(), 'utf8').split('\r\n')
      expect(csv[0]).toBe('link,known,day,opens,visitors_with_fields,conversations_started,conversions_first_link,conversions_last_link')
      expect(csv).toContain(`tutorial,yes,${today()},1,0,1,1,0`)
      expect(csv).toContain(`order,yes,${today()},1,0,1,0,0`)
      expect(csv).toContain(`giveaway,yes,${today()},1,1,1,0,1`)

      // Fits the width, and passes axe with no CSP refusal.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
      mkdirSync(SCREENSHOTS, { recursive: true })
      await page.screenshot({ path: join(SCREENSHOTS, `results-${width}.png`), fullPage: true })
      // The form, the chart and the totals: the picture the README shows.
      const totals = (await page.locator('.results-table').first().boundingBox()) as { y: number; height: number }
      const clip = { x: 0, y: 0, width, height: Math.ceil(totals.y + totals.height + 16) }
      await page.screenshot({ path: join(SCREENSHOTS, `results-chart-${width}.png`), fullPage: true, clip })
      expect(await axeViolations(page)).toEqual([])
      expect(refused).toEqual([])
      await page.context().close()
    }
  })

  it('says what is wrong with a range next to its field, and asks nothing of the server', async () => {
    const { page, refused } = await openResults(env.browser, 375)
    const asked: string[] = []
    page.on('request', (request) => {
      if (request.url().includes('/results?')) asked.push(request.url())
    })
    await page.getByLabel('From (UTC day)').fill('2026-12-10')
    await page.getByLabel('To (UTC day, included)').fill('2026-12-01')
    await page.getByRole('button', { name: 'Show' }).click()
    await expect.poll(text(page.locator('#results-to-problem'))).toBe('The last day must be on or after the first day.')
    expect(await page.getByLabel('To (UTC day, included)').getAttribute('aria-invalid')).toBe('true')
    await page.getByLabel('From (UTC day)').fill('2024-01-01')
    await page.getByRole('button', { name: 'Show' }).click()
    await expect.poll(text(page.locator('#results-to-problem'))).toBe('Choose 366 days at most.')
    expect(asked).toEqual([])
    // Put right, the range is asked for, and the problem goes.
    await page.getByLabel('From (UTC day)').fill('2026-11-30')
    await page.getByRole('button', { name: 'Show' }).click()
    await expect.poll(() => asked.length).toBe(1)
    await expect.poll(() => page.locator('#results-to-problem').count()).toBe(0)
    // The 30 days shown before give way to the two asked for once the answer is in.
    await expect.poll(() => page.locator('.results-table tbody tr[data-day]').count()).toBe(2)
    expect(await axeViolations(page)).toEqual([])
    expect(refused).toEqual([])
    await page.context().close()
  })
})
