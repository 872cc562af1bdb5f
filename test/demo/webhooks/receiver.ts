import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { BotDef } from '../../../demo/bot/types.ts'
import { validateBot } from '../../../demo/bot/validate.ts'
import type { WebhookEvent } from '../../../demo/webhooks/events.ts'
import { verifyWebhook } from '../../../demo/webhooks/verify.ts'
import { root } from '../server-harness.ts'

export const SECRET = 'test-webhook-secret-0123456789'

/** How the receiver answers one request: a status, or never (the connection stays open). */
export type Answer = number | 'hang'

export interface Received {
  id: string
  type: string
  body: string
  delivery: string | undefined
  verified: boolean
  answer: Answer
}

/**
 * A webhook receiver on loopback: it answers each request with the next of `answers` (then
 * with `otherwise`), checks every signature, and records what came in, in order.
 */
export async function startReceiver(answers: Answer[] = [], otherwise: Answer = 200) {
  const received: Received[] = []
  const hanging = new Set<ServerResponse>()
  const queue = [...answers]
  const state = { otherwise }
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk) => {
      body += chunk
    })
    req.on('end', () => {
      const answer = queue.shift() ?? state.otherwise
      const parsed = JSON.parse(body) as { id: string; type: string }
      const signature = req.headers['doorway-signature'] as string | undefined
      received.push({
        id: parsed.id,
        type: parsed.type,
        body,
        delivery: req.headers['doorway-delivery'] as string | undefined,
        verified: verifyWebhook(body, signature, SECRET).ok,
        answer,
      })
      if (answer === 'hang') hanging.add(res)
      else res.writeHead(answer).end()
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    /** What the receiver answers once the queued answers are used up. */
    answerFrom(now: Answer) {
      state.otherwise = now
    },
    /** The deliveries it answered 2xx, in the order they came. */
    accepted: () => received.filter((r) => typeof r.answer === 'number' && r.answer < 300),
    async close() {
      for (const res of hanging) res.destroy()
      server.closeAllConnections()
      await new Promise((done) => server.close(done))
    },
  }
}

/** The demo bot with a webhook to `url` for `events`, its secret from the environment. */
export function botWithWebhook(url: string, events: WebhookEvent[]): Map<string, BotDef> {
  const raw = JSON.parse(readFileSync(join(root, 'demo', 'bots', 'demo.json'), 'utf8'))
  raw.webhook = { url, secret: 'env:DEMO_WEBHOOK_SECRET', events }
  return new Map([['demo', validateBot(raw, 'demo.json', { DEMO_WEBHOOK_SECRET: SECRET })]])
}

/** Waits until `check` holds, asking every 20 ms. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
