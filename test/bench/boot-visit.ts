// One cold visit of `npm run bench:boot`: a fresh browser context (empty cache, storage and
// connection pool), the CPU throttled through CDP, and what the page cost until its launcher
// was on screen and everything it started had settled.
import type { Browser, CDPSession } from 'playwright-core'

/** What one visit measured; times in ms from the navigation's start. */
export interface VisitFigures {
  /** CDP Performance.getMetrics ScriptDuration once the page has settled. */
  scriptMs: number
  longTasks: number[]
  launcherMs: number
  /** Encoded bytes (headers and body, as sent) of the responses finished before the launcher was on screen. */
  bytesBefore: number
  requestsBefore: number
  /** Every request of the visit, by path, for the report of what was loaded. */
  paths: string[]
}

/** Where the launcher is: the element holding the shadow root, and the button's selector inside it. */
export interface LauncherProbe {
  host: string
  selector: string
}

const SEEN = 'doorwayBenchSeen'
const SETTLED_POLLS = 4
const POLL_MS = 250

// Runs in the page before its own scripts: records long tasks, and reports the first frame in
// which the launcher is laid out and visible. A MutationObserver rather than a polling loop, so
// that the probe itself costs next to no script time; it also watches the host's shadow root.
function probe({ host, selector, seen }: LauncherProbe & { seen: string }) {
  const tasks: number[] = []
  ;(window as unknown as { doorwayBenchTasks: number[] }).doorwayBenchTasks = tasks
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push(entry.duration)
  }).observe({ type: 'longtask', buffered: true })
  const watched = new WeakSet<Node>()
  const observer = new MutationObserver(() => {
    const root = document.querySelector(host)?.shadowRoot
    if (root && !watched.has(root)) {
      watched.add(root)
      observer.observe(root, { childList: true, subtree: true })
    }
    const button = root?.querySelector(selector)
    if (!button?.checkVisibility() || button.getBoundingClientRect().width === 0) return
    observer.disconnect()
    requestAnimationFrame(() => (window as unknown as Record<string, (payload: string) => void>)[seen](String(performance.now())))
  })
  observer.observe(document, { childList: true, subtree: true })
}

async function metric(cdp: CDPSession, name: string): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics')
  return metrics.find((entry) => entry.name === name)?.value ?? Number.NaN
}

/** The script time once it has not grown for a second: the chat, its stream and the bot's first answers are in. */
async function settledScriptSeconds(cdp: CDPSession, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs
  let last = await metric(cdp, 'ScriptDuration')
  let still = 0
  while (still < SETTLED_POLLS && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, POLL_MS))
    const now = await metric(cdp, 'ScriptDuration')
    still = now - last < 0.0005 ? still + 1 : 0
    last = now
  }
  return last
}

/** Visits `url` once, cold, at `rate`× CPU throttling. Throws when the launcher does not appear or a request fails. */
export async function visit(browser: Browser, url: string, launcher: LauncherProbe, rate: number): Promise<VisitFigures> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 720 } })
  try {
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    const failures: string[] = []
    page.on('pageerror', (error) => failures.push(error.message))
    page.on('console', (message) => message.type() === 'error' && failures.push(message.text()))
    const started = new Map<string, string>()
    const finished: { path: string; at: number; bytes: number }[] = []
    cdp.on('Network.requestWillBeSent', ({ requestId, request }) => started.set(requestId, new URL(request.url).pathname))
    cdp.on('Network.responseReceived', ({ response }) => {
      if (response.status >= 400) failures.push(`${response.status} ${response.url}`)
    })
    cdp.on('Network.loadingFinished', ({ requestId, timestamp, encodedDataLength }) =>
      finished.push({ path: started.get(requestId) ?? '?', at: timestamp, bytes: encodedDataLength }),
    )
    const seen = new Promise<number>((resolve) =>
      cdp.on('Runtime.bindingCalled', ({ name, payload }) => name === SEEN && resolve(Number(payload))),
    )
    // Bindings reach the page only with the Runtime domain on.
    await cdp.send('Runtime.enable')
    await cdp.send('Runtime.addBinding', { name: SEEN })
    await cdp.send('Performance.enable')
    await cdp.send('Network.enable')
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
    await cdp.send('Emulation.setCPUThrottlingRate', { rate })
    await page.addInitScript(probe, { ...launcher, seen: SEEN })

    await page.goto(url)
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no launcher on ${url}: ${failures.join('; ')}`)), 20_000)
    })
    const launcherMs = await Promise.race([seen, timeout]).finally(() => clearTimeout(timer))
    const scriptMs = (await settledScriptSeconds(cdp, 20_000)) * 1000
    // NavigationStart is on the clock of the Network events (seconds); performance.now() counts from it.
    const launcherAt = (await metric(cdp, 'NavigationStart')) + launcherMs / 1000
    const longTasks = await page.evaluate(() => (window as unknown as { doorwayBenchTasks: number[] }).doorwayBenchTasks)
    if (failures.length > 0) throw new Error(`${url}: ${failures.join('; ')}`)
    const before = finished.filter((request) => request.at <= launcherAt)
    return {
      scriptMs,
      longTasks,
      launcherMs,
      bytesBefore: before.reduce((sum, request) => sum + request.bytes, 0),
      requestsBefore: before.length,
      paths: [...started.values()],
    }
  } finally {
    await context.close()
  }
}
