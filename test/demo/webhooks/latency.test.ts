import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadBots } from '../../../demo/bot/load.ts'
import { parseEntryLink } from '../../../widget/entry/index.ts'
import { ENGINES } from '../engines.ts'
import { root, startServer, visitor } from '../server-harness.ts'
import { botWithWebhook, startReceiver } from './receiver.ts'

const LINK = parseEntryLink('https://shop.example/?ref=giveaway--T-100&bs_ref=user:first%20name:Ann;variables:color:green')
const VISITORS = 20

/** Each visitor request's time, in ms: a link, the chat opened, an answer, as the widget sends them. */
async function visitorLatencies(base: string): Promise<number[]> {
  const times: number[] = []
  const timed = async (call: () => Promise<{ status: number }>) => {
    const started = performance.now()
    expect((await call()).status).toBe(200)
    times.push(performance.now() - started)
  }
  for (let i = 0; i < VISITORS; i++) {
    const v = visitor(base)
    await timed(() => v.session(LINK))
    await timed(() => v.open())
    await timed(() => v.say('ann@example.com'))
  }
  return times
}

const quantile = (times: number[], q: number) => [...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(q * times.length))]

describe.each(ENGINES)('a receiver that never answers, on $name', (engine) => {
  const closers: (() => Promise<unknown>)[] = []
  afterAll(async () => {
    for (const close of closers.reverse()) await close()
  })

  it("does not slow the visitor's requests", async () => {
    const without = await startServer({ engine, bots: loadBots(join(root, 'demo', 'bots')) })
    closers.push(() => without.close())
    const dead = await startReceiver([], 'hang')
    closers.push(() => dead.close())
    // The sender's real timeout (10 s): every attempt in this test hangs until the end.
    const withDead = await startServer({
      engine,
      bots: botWithWebhook(dead.url, ['link.applied', 'value.stored', 'chat.opened', 'message.received']),
    })
    closers.push(async () => {
      await withDead.server.context.webhookSender?.stop()
      await withDead.close()
    })
    await visitorLatencies(without.base) // warm-up: the first requests compile and prepare
    const base = await visitorLatencies(without.base)
    // Measured while the sender is stuck on the dead receiver: one visitor's events first, and
    // the sender's attempt hanging (it polls every 250 ms), then the visitors timed.
    await visitor(withDead.base).session(LINK)
    await expect.poll(() => dead.received.length, { timeout: 10_000 }).toBeGreaterThan(0)
    const dead1 = await visitorLatencies(withDead.base)
    const report = (times: number[]) => `p50 ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms`
    console.log(`visitor requests on ${engine.name}: without a webhook ${report(base)}; with a dead receiver ${report(dead1)}`)
    // Generous: the same order of time, nowhere near the sender's 10 s timeout.
    expect(quantile(dead1, 0.5)).toBeLessThan(quantile(base, 0.5) * 3 + 20)
    expect(quantile(dead1, 0.95)).toBeLessThan(quantile(base, 0.95) * 3 + 100)
    expect(Math.max(...dead1)).toBeLessThan(2000)
  }, 60_000)
})
