// `npm run bench:boot`: what the widget costs a page until its launcher is on screen, against a
// floor measured in the same run: one Preact button in a shadow root with nanostores and
// floating-ui (test/bench/boot-floor/), built by the same tool. Cold visits of blank host pages
// in Chromium, alternated, at 1× and 4× CPU throttling, against the real demo backend.
// Figures go to docs/benchmarks.md; the table also goes to test-results/bench-boot.json.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { kill, root, spawnDemo } from '../demo/server-harness.ts'
import { launchBrowser } from '../e2e/harness.ts'
import { buildBootScripts } from './boot-floor/build.ts'
import { type LauncherProbe, type VisitFigures, visit } from './boot-visit.ts'

const VISITS = Number(process.env.VISITS ?? 7)
const RATES = [1, 4]
const LINK = '?ref=giveaway--456'
const FLOOR: LauncherProbe = { host: 'doorway-floor', selector: '.launcher' }
const WIDGET: LauncherProbe = { host: 'doorway-widget', selector: '.launcher' }
// Issue 8's targets.
const SCRIPT_RATIO_TARGET = 1.5
const LAUNCHER_DELTA_TARGET = 20

const PAGES = [
  { name: 'floor', path: `/floor.html`, probe: FLOOR },
  { name: 'widget, link', path: `/widget.html${LINK}`, probe: WIDGET },
  { name: 'widget, link, data-open="never"', path: `/widget-closed.html${LINK}`, probe: WIDGET },
  { name: 'widget, no link', path: '/widget.html', probe: WIDGET },
]

const page = (script: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A blank host page</title><link rel="icon" href="data:,"></head>` +
  `<body><p>A blank host page.</p>${script}</body></html>`

/** The host pages and the scripts, gzipped as a web server would send them; `api` is the backend's address. */
function hostPages(scripts: string, api: () => string) {
  const file = (name: string) => gzipSync(readFileSync(join(scripts, name)), { level: 9 })
  const js = { '/floor.js': file('floor.js'), '/doorway.js': file('doorway.js'), '/doorway-ui.js': file('doorway-ui.js') }
  const widget = (attributes: string) =>
    gzipSync(page(`<script src="/doorway.js" data-bot="demo" data-api="${api()}"${attributes} async></script>`))
  const bodies = () => ({
    '/floor.html': gzipSync(page('<script src="/floor.js" async></script>')),
    '/widget.html': widget(''),
    '/widget-closed.html': widget(' data-open="never"'),
    ...js,
  })
  let served: Record<string, Buffer> | null = null
  return createServer((req, res) => {
    served ??= bodies()
    const path = new URL(req.url ?? '/', 'http://host').pathname
    const body = Object.hasOwn(served, path) ? served[path as keyof typeof served] : null
    if (!body) return res.writeHead(404).end()
    res.writeHead(200, {
      'Content-Type': path.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/html; charset=utf-8',
      'Content-Encoding': 'gzip',
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
    })
    res.end(body)
  })
}

/** demo/bots with the host pages' origin allowed: the widget calls the backend across origins, as on a customer's site. */
function botsAllowing(origin: string, dir: string): string {
  mkdirSync(dir)
  for (const name of readdirSync(join(root, 'demo', 'bots'))) {
    const bot = JSON.parse(readFileSync(join(root, 'demo', 'bots', name), 'utf8'))
    bot.allowedOrigins = [...bot.allowedOrigins, origin]
    writeFileSync(join(dir, name), JSON.stringify(bot))
  }
  return dir
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Every visit, by rate and page, in the order of the rounds. */
async function measure(work: string): Promise<Map<string, VisitFigures[]>> {
  const visits = new Map<string, VisitFigures[]>()
  await buildBootScripts(join(work, 'scripts'))
  let api = ''
  const server = hostPages(join(work, 'scripts'), () => api)
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  try {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const demo = await spawnDemo(join(work, 'data'), { BOTS_DIR: botsAllowing(origin, join(work, 'bots')) })
    try {
      api = demo.base
      const browser = await launchBrowser()
      try {
        // One visit of each page first, not counted: the browser's own start-up is not the page's.
        for (const { path, probe } of PAGES) await visit(browser, `${origin}${path}`, probe, 1)
        for (const rate of RATES)
          for (let round = 0; round < VISITS; round++)
            // Each round starts with another page, so that no page is always the first after a pause.
            for (let i = 0; i < PAGES.length; i++) {
              const { name, path, probe } = PAGES[(i + round) % PAGES.length]
              const key = `${rate}|${name}`
              visits.set(key, [...(visits.get(key) ?? []), await visit(browser, `${origin}${path}`, probe, rate)])
            }
      } finally {
        await browser.close()
      }
    } finally {
      await kill(demo.child)
    }
  } finally {
    server.close()
  }
  return visits
}

const work = mkdtempSync(join(tmpdir(), 'doorway-boot-'))
const visits = await measure(work).finally(() => rmSync(work, { recursive: true, force: true }))

const rows = RATES.flatMap((rate) => {
  const figures = (name: string) => visits.get(`${rate}|${name}`) ?? []
  const summary = (name: string) => {
    const all = figures(name)
    return {
      rate,
      page: name,
      visits: all.length,
      scriptMs: median(all.map((v) => v.scriptMs)),
      longTasks: median(all.map((v) => v.longTasks.length)),
      longTasksMax: Math.max(...all.map((v) => v.longTasks.length)),
      longestTaskMs: Math.max(0, ...all.flatMap((v) => v.longTasks)),
      launcherMs: median(all.map((v) => v.launcherMs)),
      bytesBefore: median(all.map((v) => v.bytesBefore)),
      requestsBefore: median(all.map((v) => v.requestsBefore)),
      chatLoaded: all.filter((v) => v.paths.includes('/doorway-ui.js')).length,
    }
  }
  // Against the floor's visit of the same round, a few seconds apart: a busy machine slows both alike.
  const floor = figures('floor')
  const paired = (name: string, compare: (ours: VisitFigures, floor: VisitFigures) => number) =>
    median(figures(name).map((ours, round) => compare(ours, floor[round])))
  return PAGES.map(({ name }) => ({
    ...summary(name),
    scriptRatio: paired(name, (ours, floor) => ours.scriptMs / floor.scriptMs),
    launcherDeltaMs: paired(name, (ours, floor) => ours.launcherMs - floor.launcherMs),
  }))
})

const fixed = (value: number, digits = 1) => value.toFixed(digits)
console.log(
  `Chromium, ${VISITS} cold visits per page and rate, alternated; medians, and medians of the ratios to the floor's visit of the same round\n`,
)
console.log('| CPU | page | script ms | × floor | long tasks (max) | launcher ms | Δ floor ms | bytes before launcher | chat file loaded |')
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|')
for (const row of rows)
  console.log(
    `| ${row.rate}× | ${row.page} | ${fixed(row.scriptMs)} | ${fixed(row.scriptRatio, 2)} | ${row.longTasks} (${row.longTasksMax}) | ` +
      `${fixed(row.launcherMs)} | ${row.page === 'floor' ? '' : fixed(row.launcherDeltaMs)} | ${row.bytesBefore.toLocaleString('en')} | ${row.chatLoaded}/${row.visits} |`,
  )

const verdict = (ok: boolean) => (ok ? 'pass' : 'FAIL')
console.log('\nTargets (issue 8):')
for (const row of rows.filter((r) => r.page === 'widget, link'))
  console.log(
    `  ${row.rate}×: script time with a link ${fixed(row.scriptRatio, 2)}× the floor's (≤ ${SCRIPT_RATIO_TARGET}): ${verdict(row.scriptRatio <= SCRIPT_RATIO_TARGET)}`,
  )
for (const row of rows.filter((r) => r.rate === 4 && r.page !== 'floor'))
  console.log(
    `  4×, ${row.page}: ${row.longTasksMax} long tasks in the worst visit (0), longest ${fixed(row.longestTaskMs)} ms: ${verdict(row.longTasksMax === 0)}`,
  )
for (const row of rows.filter((r) => r.page !== 'floor'))
  console.log(
    `  ${row.rate}×, ${row.page}: launcher ${fixed(row.launcherDeltaMs)} ms after the floor's (≤ ${LAUNCHER_DELTA_TARGET}): ${verdict(row.launcherDeltaMs <= LAUNCHER_DELTA_TARGET)}`,
  )

mkdirSync(join(root, 'test-results'), { recursive: true })
const raw = Object.fromEntries([...visits].map(([key, all]) => [key, all.map(({ paths: _, ...figures }) => figures)]))
writeFileSync(join(root, 'test-results', 'bench-boot.json'), `${JSON.stringify({ visitsPerPage: VISITS, rows, visits: raw }, null, 2)}\n`)
