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

/** Checks `Doorway-Signature: t=…,v1=…`: an HMAC-SHA256 of "t.body", made in the last few minutes. */
export function checkSignature(body: string, header: string | undefined, secret: string, toleranceSeconds = 300, now = Date.now()) {
  const parts = new Map((header ?? '').split(',').map((part) => part.trim().split('=', 2) as [string, string]))
  const t = parts.get('t') ?? ''
  const given = Buffer.from(parts.get('v1') ?? '')
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'))
  if (!/^\d+$/.test(t) || Math.abs(now / 1000 - Number(t)) > toleranceSeconds) return false
  return given.length === expected.length && timingSafeEqual(given, expected)
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
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`)
    return response.status === 204 ? null : response.json()
  }

  // Ids made from the event's: when Doorway sends an event again, the same message is not posted twice.
  const reply = async (event: Event) => {
    const contact = event.contactId
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
      const said = event.data.choice?.title ?? event.data.message?.text ?? ''
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
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      body += chunk
    })
    req.on('end', () => {
      const signature = req.headers['doorway-signature'] as string | undefined
      if (req.method !== 'POST' || !checkSignature(body, signature, options.webhookSecret, options.toleranceSeconds)) {
        return void res.writeHead(401).end('bad signature')
      }
      reply(JSON.parse(body) as Event).then(
        () => res.writeHead(204).end(),
        (error: Error) => {
          console.error(`greeter: ${error.message}`)
          res.writeHead(500).end()
        },
      )
    })
  }
}
