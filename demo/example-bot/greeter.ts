import { createHmac, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

// An example of a bot of your own behind Doorway (README, "Bring your own bot"): it hears the
// visitor through the signed webhook and answers through the bot API. Copy it and change
// `reply`; nothing here imports Doorway's code.

export interface GreeterOptions {
  /** Where the Doorway backend is, e.g. http://127.0.0.1:5173. */
  api: string
  bot: string
  apiKey: string
  webhookSecret: string
  /** Seconds a signature may be old: older ones are refused as replays. */
  toleranceSeconds?: number
  /** How long it shows it is typing before it answers, in ms, as a person (or a language model) would. */
  thinkMs?: number
}

interface Event {
  id: string
  type: string
  contactId: string
  data: { start?: string | null; message?: { text?: string }; choice?: { title: string } }
}

/** The most a delivery's body may hold: anything longer is not Doorway's. */
const MAX_BODY = 1_000_000

/**
 * Checks `Doorway-Signature: t=…,v1=…[,v1=…]`: an HMAC-SHA256 of "t." and the exact body bytes,
 * made in the last few minutes. The first `t` counts; any `v1` may match (a secret being rotated).
 */
export function checkSignature(
  body: Buffer | string,
  header: string | undefined,
  secret: string,
  toleranceSeconds = 300,
  now = Date.now(),
) {
  const parts = (header ?? '').split(',').map((part) => part.trim())
  const t = parts.find((part) => part.startsWith('t='))?.slice(2) ?? ''
  if (!/^\d{1,12}$/.test(t) || Math.abs(now / 1000 - Number(t)) > toleranceSeconds) return false
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex'))
  return parts
    .filter((part) => part.startsWith('v1='))
    .some((part) => part.length - 3 === expected.length && timingSafeEqual(Buffer.from(part.slice(3)), expected))
}

/** A bot API call that failed: a 4xx but 408 and 429 fails again however often it is tried. */
class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
  }
  get final() {
    return this.status >= 400 && this.status < 500 && this.status !== 408 && this.status !== 429
  }
}

/** The webhook's request handler: checks, then answers the event; a failed answer is a 500, so Doorway sends it again. */
export function createGreeter(options: GreeterOptions) {
  const call = async (method: string, path: string, body?: unknown) => {
    const url = `${options.api}/v1/bot-api/bots/${options.bot}/contacts/${path}`
    const response = await fetch(url, {
      method,
      headers: { Authorization: `Bearer ${options.apiKey}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!response.ok) throw new ApiError(`${method} ${url}: ${response.status} ${await response.text()}`, response.status)
    return response.status === 204 ? null : response.json()
  }

  // Ids made from the event's: when Doorway sends an event again, the same message is not posted twice.
  const reply = async (event: Event) => {
    const contact = event.contactId
    // The chat opens on every page view; `start` is set only when a conversation begins.
    if (event.type === 'chat.opened' && event.data.start == null) return
    const say = (n: number, message: Record<string, unknown>) => call('POST', `${contact}/messages`, { id: `${event.id}-${n}`, ...message })
    await call('POST', `${contact}/typing`, { seconds: 3 })
    await new Promise((resolve) => setTimeout(resolve, options.thinkMs ?? 600))
    if (event.type === 'chat.opened') {
      const { user, fields, linkOpens } = await call('GET', contact)
      const name = user.first_name ? ` ${user.first_name}` : ''
      const link = linkOpens.at(-1)?.link
      const coupon = fields.find((field: { name: string }) => field.name === 'coupon')?.value
      await say(1, { kind: 'text', text: `Hi${name}! ${link ? `You came through the "${link}" link.` : 'Welcome.'}` })
      if (coupon) await say(2, { kind: 'text', text: `Your coupon ${coupon} is saved for your order.` })
      await say(3, { kind: 'quick_replies', text: 'What can I help with?', options: [{ title: 'Sizes' }, { title: 'Delivery' }] })
    } else if (event.type === 'message.received') {
      // What the visitor said, shortened: the answer must fit in a message (2,000 characters).
      const said = (event.data.choice?.title ?? event.data.message?.text ?? '').slice(0, 200)
      const answer =
        said === 'Sizes'
          ? 'Our shoes come in sizes 36 to 46.'
          : said === 'Delivery'
            ? 'Delivery takes 2 to 4 days.'
            : `You wrote: "${said}".`
      await say(1, { kind: 'text', text: answer })
      // Asking for sizes is what this bot counts as a conversion (its file's "goals").
      if (said === 'Sizes') await call('POST', `${contact}/goals`, { goal: 'sizes' })
    }
  }

  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY) chunks.push(chunk)
    })
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const signature = req.headers['doorway-signature'] as string | undefined
      if (req.method !== 'POST' || size > MAX_BODY || !checkSignature(body, signature, options.webhookSecret, options.toleranceSeconds)) {
        return void res.writeHead(401).end('bad signature')
      }
      reply(JSON.parse(body.toString('utf8')) as Event).then(
        () => res.writeHead(204).end(),
        (error: Error) => {
          console.error(`greeter: ${error.message}`)
          // A refusal is final: sending the event again would only hold the conversation's next ones.
          res.writeHead(error instanceof ApiError && error.final ? 200 : 500).end()
        },
      )
    })
  }
}
