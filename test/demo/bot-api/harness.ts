import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadBots } from '../../../demo/bot/load.ts'
import type { BotDef } from '../../../demo/bot/types.ts'
import { validateBot } from '../../../demo/bot/validate.ts'
import { root } from '../server-harness.ts'
import { SECRET } from '../webhooks/receiver.ts'

export const API_KEY = 'test-bot-api-key-0123456789abcdef'

/** The demo bot and the example's external bot, its webhook pointed at `webhookUrl`. */
export function botsWithGreeter(webhookUrl: string): Map<string, BotDef> {
  const raw = JSON.parse(readFileSync(join(root, 'demo', 'example-bot', 'greeter.json'), 'utf8'))
  raw.webhook.url = webhookUrl
  const bots = loadBots(join(root, 'demo', 'bots'))
  bots.set('greeter', validateBot(raw, 'greeter.json', { GREETER_WEBHOOK_SECRET: SECRET, GREETER_API_KEY: API_KEY }))
  return bots
}

// biome-ignore lint/suspicious/noExplicitAny: API answers in tests are read by assertions, which check them
type Json = any

/** The bot API of one bot, as its own program calls it. */
export function botApi(base: string, bot = 'greeter', key = API_KEY) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}/v1/bot-api/bots/${bot}/contacts/${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    return {
      status: response.status,
      body: (text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as Json,
    }
  }
}

/** A visitor's event stream, read as text as it comes: `until` waits for a pattern in it. */
export async function openStream(base: string, bot: string, token: string) {
  const controller = new AbortController()
  const response = await fetch(`${base}/v1/bots/${bot}/events?token=${token}`, { signal: controller.signal })
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let text = ''
  const pump = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return
        text += decoder.decode(value, { stream: true })
      }
    } catch {
      // aborted
    }
  })()
  return {
    get text() {
      return text
    },
    async until(pattern: RegExp, timeoutMs = 5000): Promise<RegExpExecArray> {
      const end = Date.now() + timeoutMs
      for (;;) {
        const found = pattern.exec(text)
        if (found) return found
        if (Date.now() > end) throw new Error(`the stream never held ${pattern}; it held:\n${text}`)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    },
    async close() {
      controller.abort()
      await pump
    },
  }
}
