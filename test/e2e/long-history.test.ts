import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../widget/transport/protocol.ts'
import { startServer, visitor } from '../demo/server-harness.ts'
import { type LongTask, launchBrowser, recordLongTasks, root } from './harness.ts'

// A returning visitor with a long conversation opens the chat: no task may hold the main
// thread over 50 ms (the Long Tasks API's threshold) at 1×, from the end of the loader's
// start (the task that adds the widget's element, the same for any conversation) until the
// newest message is on screen. The backend runs in this process, on real HTTP and SQLite, so
// that the history can be written straight into its store.

const LONG_TASK_MS = 50
const env = {} as { browser: Browser; server: Awaited<ReturnType<typeof startServer>> }
beforeAll(async () => {
  ;[env.browser, env.server] = await Promise.all([launchBrowser(), startServer()])
})
afterAll(async () => {
  await env.browser?.close()
  await env.server?.close()
})

/** What the demo bot says and hears, in turn: text, a question with quick replies, an answer, buttons. */
function body(seq: number): [ChatMessage['from'], Omit<ChatMessage, 'seq' | 'at' | 'from'>] {
  const text = `Message ${seq}: the Trail Runner is light, grippy and waterproof.`
  switch (seq % 4) {
    case 1:
      return ['bot', { kind: 'text', text }]
    case 2:
      return [
        'bot',
        { kind: 'quick_replies', text, options: ['Find my size', 'Browse shoes', 'Talk to us'].map((title, index) => ({ index, title })) },
      ]
    case 3:
      return ['visitor', { kind: 'text', text }]
    default:
      return [
        'bot',
        {
          kind: 'buttons',
          text,
          options: [
            { index: 0, title: 'See the shoe', url: 'https://example.com/trail' },
            { index: 1, title: 'Sizes' },
          ],
        },
      ]
  }
}

/** A visitor whose conversation holds `size` messages, written in one transaction; returns its token. */
async function visitorWithHistory(size: number): Promise<string> {
  const v = visitor(env.server.base)
  const { contactId } = (await v.session()).body
  await env.server.store.transaction(async (tx) => {
    await tx.markStarted(contactId)
    for (let seq = 1; seq <= size; seq++) {
      const [from, message] = body(seq)
      await tx.addMessage(contactId, from, message, undefined, null)
    }
  })
  return v.token
}

/** Whether the message `seq` is in the list and inside its visible part. */
const inView = (page: Page, seq: number) =>
  page.locator('doorway-widget').evaluate((host, seq) => {
    const message = host.shadowRoot?.querySelector(`.message[data-seq="${seq}"]`)
    const list = message?.closest('.messages')
    if (!message || !list) return false
    const [m, l] = [message.getBoundingClientRect(), list.getBoundingClientRect()]
    return m.height > 0 && m.top >= l.top - 1 && m.bottom <= l.bottom + 1
  }, seq)

/** Loads a plain page as the visitor, opens the chat, and waits until the newest message is in view. */
async function openLongHistory(token: string, size: number) {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } })
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.addInitScript((token) => {
    localStorage.setItem('doorway:demo:token', token)
    // When the task that added the widget's element ends: its microtasks run then.
    const watch = new MutationObserver(() => {
      if (!document.querySelector('doorway-widget')) return
      watch.disconnect()
      ;(window as unknown as { widgetAdded: number }).widgetAdded = performance.now()
    })
    watch.observe(document, { childList: true, subtree: true })
  }, token)
  const longTasks = await recordLongTasks(page)
  await page.route(`${env.server.base}/plain.html`, (route) =>
    route.fulfill({ contentType: 'text/html', body: readFileSync(join(root, 'test', 'fixtures', 'plain.html')) }),
  )
  await page.goto(`${env.server.base}/plain.html`)
  await page.waitForFunction(() => typeof (window as { Doorway?: unknown }).Doorway === 'function')
  await page.evaluate(() => {
    const seen: number[] = []
    ;(window as unknown as { messageEvents: number[] }).messageEvents = seen
    ;(window as unknown as { Doorway: (...args: unknown[]) => void }).Doorway('on', 'message', (message: ChatMessage) =>
      seen.push(message.seq),
    )
  })
  await page.locator('doorway-widget .launcher').click()
  await expect.poll(() => inView(page, size), { timeout: 30_000 }).toBe(true)
  // Whatever work the opening left queued runs now, and is recorded too.
  await page.waitForTimeout(1000)
  const widgetAdded = await page.evaluate(() => (window as unknown as { widgetAdded: number }).widgetAdded)
  const all = await longTasks()
  const boot = all.filter((task) => task.start < widgetAdded)
  const tasks = all.filter((task) => task.start >= widgetAdded)
  const messageEvents = await page.evaluate(() => (window as unknown as { messageEvents: number[] }).messageEvents)
  return { page, boot, tasks, errors, messageEvents }
}

const longTasksOf = (page: Page) => page.evaluate(() => (window as unknown as { doorwayLongTasks: LongTask[] }).doorwayLongTasks)

const summary = (tasks: LongTask[]) => ({
  count: tasks.length,
  max: Math.round(Math.max(0, ...tasks.map((task) => task.duration))),
  total: Math.round(tasks.reduce((sum, task) => sum + task.duration, 0)),
})

describe('a long conversation', () => {
  for (const size of [3000, 5000]) {
    it(`of ${size} messages opens with no task over ${LONG_TASK_MS} ms, at the newest message, and scrolls back to the first`, async () => {
      const token = await visitorWithHistory(size)
      // On a busy machine a task waiting for a core counts as long too, and the chat's own start
      // (the same with one message) comes near 50 ms: the best of five openings is what the
      // widget does (the 455 ms task of a whole history fails all five).
      const openings: ReturnType<typeof summary>[] = []
      const best = () => Math.min(...openings.map((opening) => opening.max))
      let opened: Awaited<ReturnType<typeof openLongHistory>> | undefined
      while (openings.length < 5 && !(best() <= LONG_TASK_MS)) {
        await opened?.page.close()
        opened = await openLongHistory(token, size)
        openings.push(summary(opened.tasks))
        expect(opened.errors).toEqual([])
        // The history is no news: the API says `message` only for what arrives after the session started.
        expect(opened.messageEvents).toEqual([])
      }
      const { page, boot } = opened as Awaited<ReturnType<typeof openLongHistory>>
      console.log(`long tasks opening ${size} messages:`, JSON.stringify(openings), `(the loader's start: ${summary(boot).max} ms)`)
      expect(best()).toBeLessThanOrEqual(LONG_TASK_MS)

      // Scrolling up, again and again, reaches the first message, and what is in view stays in place meanwhile.
      const scrollFrom = await page.evaluate(() => performance.now())
      const list = page.locator('doorway-widget .messages')
      const top = (seq: string) =>
        list.evaluate((element, seq) => element.querySelector(`[data-seq="${seq}"]`)?.getBoundingClientRect().top, seq)
      const before = await list.evaluate((element) => {
        element.scrollTo({ top: 0 })
        const first = element.querySelector('.message') as HTMLElement
        return { seq: first.dataset.seq as string, top: first.getBoundingClientRect().top }
      })
      await expect
        .poll(() => list.evaluate((element) => (element.querySelector('.message') as HTMLElement).dataset.seq))
        .not.toBe(before.seq)
      expect(Math.abs(((await top(before.seq)) as number) - before.top)).toBeLessThanOrEqual(1)
      await expect
        .poll(
          async () => {
            await list.evaluate((element) => element.scrollTo({ top: 0 }))
            return inView(page, 1)
          },
          { timeout: 120_000, interval: 50 },
        )
        .toBe(true)
      const scrolling = (await longTasksOf(page)).filter((task) => task.start >= scrollFrom)
      const took = Math.round((await page.evaluate(() => performance.now())) - scrollFrom)
      console.log(`long tasks scrolling back through ${size} messages:`, summary(scrolling), `in ${took} ms`)
      // A window of them is rendered, never the whole history.
      expect(await list.evaluate((element) => element.children.length)).toBeLessThanOrEqual(100)
      // And down again, to the newest.
      await expect
        .poll(
          async () => {
            await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }))
            return inView(page, size)
          },
          { timeout: 120_000, interval: 50 },
        )
        .toBe(true)
      // The earlier messages were not announced; the next message is, with the list back at the newest.
      expect(await list.getAttribute('aria-live')).toBe('off')
      const said = (await visitor(env.server.base, 'demo', token).say('hello from another tab')).body.messages.map(
        (message: ChatMessage) => message.seq,
      )
      await expect.poll(() => inView(page, said.at(-1))).toBe(true)
      expect(await list.getAttribute('aria-live')).toBe('polite')
      expect(await page.evaluate(() => (window as unknown as { messageEvents: number[] }).messageEvents)).toEqual(said)
      await page.close()
    }, 180_000)
  }
})
