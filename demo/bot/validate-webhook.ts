import { WEBHOOK_EVENTS, type WebhookEvent } from '../webhooks/events.ts'
import type { BotFileReader } from './file-reader.ts'
import type { BotDef } from './types.ts'

/** Shortest signing secret, of links and of webhooks: an HMAC key any shorter is guessable. */
export const MIN_SECRET = 16

/**
 * A bot file's `webhook` (docs/webhooks.md): an http(s) URL, a secret read from the environment
 * (`env:NAME`, never written in the file, where it would travel with it), and a non-empty list
 * of known events, none twice. Every problem is reported; the webhook is null if there is one.
 */
export function readWebhook(reader: BotFileReader, value: unknown, env: NodeJS.ProcessEnv): BotDef['webhook'] {
  const before = reader.problems.length
  const webhook = reader.object(value, 'webhook')
  if (!webhook) return null
  reader.known(webhook, 'webhook', ['url', 'secret', 'events'])
  const url = reader.string(webhook.url, 'webhook.url')
  if (url !== '' && !isHttpUrl(url)) reader.report('webhook.url', `"${url}" must be an http:// or https:// URL`)
  const secret = readEnvSecret(reader, webhook.secret, 'webhook.secret', env)
  const events = reader.array(webhook.events, 'webhook.events').flatMap((event, i): WebhookEvent[] => {
    if (WEBHOOK_EVENTS.includes(event as WebhookEvent)) return [event as WebhookEvent]
    reader.report(`webhook.events[${i}]`, `must be one of ${WEBHOOK_EVENTS.join(', ')}`)
    return []
  })
  if (Array.isArray(webhook.events) && webhook.events.length === 0) reader.report('webhook.events', 'name at least one event')
  if (new Set(events).size !== events.length) reader.report('webhook.events', 'names an event twice')
  return reader.problems.length > before ? null : { url, secret, events }
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== ''
  } catch {
    return false
  }
}

/** A secret named as `env:NAME` and read from the environment: never written in the file, where it would travel with it. */
export function readEnvSecret(reader: BotFileReader, value: unknown, path: string, env: NodeJS.ProcessEnv): string {
  const written = reader.string(value, path)
  if (written === '') return ''
  if (!written.startsWith('env:')) {
    reader.report(path, 'must be env:NAME, the environment variable that holds the secret')
    return ''
  }
  const name = written.slice(4)
  const secret = env[name] ?? ''
  if (secret === '') reader.report(path, `the environment variable ${name} is not set`)
  else if (secret.length < MIN_SECRET) reader.report(path, `${name} holds fewer than ${MIN_SECRET} characters`)
  return secret
}
