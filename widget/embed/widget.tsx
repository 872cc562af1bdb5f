import { render } from 'preact'
import { DEFAULT_PARAMS, type EntryIntent, parseEntryLink, withoutParams } from '../entry/index.ts'
import { $lastSeq, $messages, receiveMessages, resetMessages } from '../state/messages.ts'
import { $outbox, enqueue, persistOutbox, startOutbox } from '../state/outbox.ts'
import { $panel, closePanel, markSeen, openPanel, resetPanel, togglePanel } from '../state/panel.ts'
import { $session, botKnown, connectionChanged, resetSession, sessionReady } from '../state/session.ts'
import { createHttpTransport } from '../transport/http.ts'
import { type Platform, randomId } from '../transport/platform.ts'
import type { ChatMessage, FieldUpdate, MessagesResponse, SessionResponse, UpdatesResponse } from '../transport/protocol.ts'
import { App } from '../ui/App.tsx'
import { adoptStyles } from '../ui/adopt-styles.ts'
import { stringsFor } from '../ui/strings.ts'
import { STYLES } from '../ui/styles.ts'
import { createApi, type EventHub } from './api.ts'
import { claimLink } from './applied-links.ts'
import type { EmbedConfig } from './config.ts'
import { watchConnectBlocked } from './connect-blocked.ts'

export interface MountOptions {
  config: EmbedConfig
  platform: Platform
  win: Window & typeof globalThis
  warn: (message: string) => void
  /** Called after destroy() removed everything. */
  onDestroy?: () => void
  /** Replaces the address bar's URL, keeping history.state; embed/platform.ts gives one the page cannot have emptied. */
  replaceAddress?: (url: string) => void
  /** Listens on every window the widget fetches from (embed/platform.ts): how a blocked backend is heard of. */
  listen?: (type: string, listener: (event: Event) => void) => () => void
}

/**
 * Starts one widget: decodes the address, applies the link through the outbox, scrubs the
 * link from the address bar, mounts the UI in a shadow root. Returns the API; `destroy` undoes everything.
 */
export function mountWidget({
  config,
  platform,
  win,
  warn,
  onDestroy,
  replaceAddress = (url) => win.history.replaceState(win.history.state, '', url),
  listen,
}: MountOptions): EventHub {
  const { storage } = platform
  const key = (name: string) => `doorway:${config.bot}:${name}`
  const cleanups: (() => void)[] = []

  // 1. The link: decoded, checked against this bot, claimed once; it leaves the address in 3.
  const decoded = parseEntryLink(win.location.href, { params: { ref: config.refParams } })
  // `p` alone only names the bot: that is no link to apply.
  const hasLink = decoded.dialect !== null || decoded.signature !== null || decoded.rejected.length > 0
  let intent: EntryIntent | null = hasLink ? decoded : null
  if (intent?.bot && intent.bot !== config.bot) {
    warn(`this link is for bot "${intent.bot}", not "${config.bot}"; it is not applied`)
    intent = null
  }
  if (intent && !claimLink(platform, key, win.location.search)) intent = null

  // 2. The visitor and the backend.
  let token = storage.getItem(key('token'))
  if (!token || !/^[A-Za-z0-9_-]{22,128}$/.test(token)) {
    token = randomId(platform, 24)
    storage.setItem(key('token'), token)
  }
  const transport = createHttpTransport({ api: config.api, bot: config.bot, token, platform })

  // 3. State, restored from storage: the outbox resumes, the badge remembers what was seen.
  resetSession(intent)
  resetMessages()
  resetPanel(Number(storage.getItem(key('seen'))) || 0)
  cleanups.push(persistOutbox(platform, key('outbox')))

  const hub = createApi({ open: openPanel, close: closePanel, toggle: togglePanel, destroy, set }, warn)

  let unsubscribe: (() => void) | null = null
  let blocked = false
  const follow = () => {
    if (blocked || unsubscribe || $session.get().status !== 'ready') return
    unsubscribe = transport.subscribe(
      $lastSeq.get(),
      (message) => receiveMessages([message]),
      (online) => connectionChanged(online),
    )
  }
  cleanups.push(() => unsubscribe?.())

  let opened = false
  cleanups.push(
    $panel.listen((panel, old) => {
      storage.setItem(key('seen'), String(panel.seenSeq))
      if (panel.open === old?.open) return
      hub.emit(panel.open ? 'open' : 'close', {})
      if (panel.open && !opened) {
        opened = true
        enqueue({ kind: 'open', id: `open-${randomId(platform, 9)}` })
        follow()
      }
    }),
  )
  // `message` is for messages new to this page view: the history a reload shows again is not.
  let historyUpTo = Number.POSITIVE_INFINITY
  cleanups.push(
    $messages.listen((messages, old) => {
      if ($panel.get().open) markSeen()
      const known = new Set((old ?? []).map((message) => message.seq))
      for (const message of messages) if (!known.has(message.seq) && message.seq > historyUpTo) hub.emit('message', message)
    }),
  )

  const runner = startOutbox(transport, platform, {
    done(item, value) {
      if (item.kind === 'session') {
        const answer = value as SessionResponse
        const first = $session.get().status !== 'ready'
        if (first) historyUpTo = answer.lastSeq
        if (first && !$session.get().bot) askInfo()
        sessionReady(answer.contactId)
        if (first) hub.remember('ready', { contactId: answer.contactId, intent: $session.get().intent })
        if (item.body.intent) hub.emit('entry', { intent: item.body.intent, results: answer.results, start: answer.start })
        if (answer.lastSeq > 0 || $panel.get().open) follow()
      } else if (item.kind === 'open' || item.kind === 'message') {
        receiveMessages((value as MessagesResponse | { messages: ChatMessage[] }).messages)
      } else {
        // Each update the backend did not store is said, with its key and why.
        const keys = new Map(item.body.updates.map((update) => [update.id, update.key]))
        for (const result of (value as UpdatesResponse).results) {
          if (result.status === 'rejected') hub.emit('error', { code: result.code, message: result.message, key: keys.get(result.id) })
        }
      }
    },
    refused(item, error) {
      warn(`the backend refused ${item.kind} ${item.id}: ${error.message}`)
      hub.emit('error', { code: error.code, message: error.message, kind: item.kind })
      // A link the backend will never take must not cost the visitor the chat: start without it.
      if (item.kind === 'session' && item.body.intent) startSession(null, true)
    },
    reachable(online, error) {
      connectionChanged(online, error && !online ? error.message : null)
      if (error && !online) hub.emit('error', { code: error.code, message: error.message, retrying: true })
    },
  })
  cleanups.push(() => runner.stop())
  // Retrying cannot get past the page's policy: say so once, stop, and keep the outbox for a page that allows it.
  if (listen)
    cleanups.push(
      watchConnectBlocked(listen, config.api, (directive, origin) => {
        blocked = true
        runner.stop()
        unsubscribe?.()
        const message = `this page's Content-Security-Policy (${directive}) blocks the bot backend at ${origin}; the widget stops trying.`
        warn(message)
        connectionChanged(false, message)
        hub.emit('error', { code: 'csp_blocked', message })
      }),
    )

  // Every page view starts or resumes the session; with a link, the session applies it once.
  // A session an earlier page left in the outbox does for a plain start, never for a new link.
  function startSession(link: EntryIntent | null, front = false): void {
    const id = randomId(platform, 12)
    enqueue(link ? { kind: 'session', id, body: { intent: link, intentId: id } } : { kind: 'session', id, body: {} }, { front })
  }
  if (intent || !$outbox.get().some((item) => item.kind === 'session')) startSession(intent)
  // Whatever became of the link, now that it is in the outbox its parameters leave the address:
  // they may hold personal data. `p` stays: it is no personal data, and a page that takes its
  // bot from it needs it on reload.
  const scrub = decoded.params.filter((name) => !DEFAULT_PARAMS.bot.includes(name))
  if (scrub.length > 0) {
    try {
      replaceAddress(withoutParams(win.location.href, scrub))
    } catch (error) {
      warn(`could not remove the link parameters from the address bar: ${(error as Error)?.message}`)
    }
  }
  // The bot's name for the panel header; asked again once the backend answers, if it failed.
  const askInfo = () =>
    transport.info().then((result) => {
      if (result.ok) botKnown(result.value)
    })
  askInfo()

  // 4. The UI, in a shadow root: the page's CSS cannot break it, and it cannot break the page.
  const host = win.document.createElement('doorway-widget')
  const shadow = host.attachShadow({ mode: 'open' })
  adoptStyles(shadow, STYLES, config.nonce ?? '')
  const container = win.document.createElement('div')
  shadow.append(container)
  win.document.body.append(host)
  const strings = stringsFor(config.locale)
  render(
    <App
      config={{ side: config.side, strings, assetBase: `${config.api}/` }}
      actions={{
        open: openPanel,
        close: closePanel,
        send(text) {
          const id = randomId(platform, 12)
          enqueue({ kind: 'message', id, body: { id, text } })
        },
        choose(seq, index) {
          const id = randomId(platform, 12)
          enqueue({ kind: 'message', id, body: { id, choice: { seq, index } } })
        },
      }}
    />,
    container,
  )
  cleanups.push(() => {
    render(null, container)
    host.remove()
  })

  if (config.open === 'always' || (config.open === 'auto' && intent && (intent.ref !== null || intent.block !== null))) openPanel()

  /** `Doorway('set', { fields, user, variables })`: checked here, then sent through the outbox. */
  function set(values: unknown): void {
    const updates: FieldUpdate[] = []
    const id = randomId(platform, 12)
    for (const [group, type] of [
      ['fields', 'field'],
      ['user', 'user'],
      ['variables', 'variable'],
    ] as const) {
      const entries = (values as Record<string, unknown> | null)?.[group]
      if (entries === undefined) continue
      if (typeof entries !== 'object' || entries === null) return warn(`set: ${group} must be an object of names and values`)
      for (const [key, value] of Object.entries(entries)) {
        if (typeof value !== 'string' && typeof value !== 'number') return warn(`set: ${group}.${key} must be a string or a number`)
        updates.push({ id: `${id}-${updates.length}`, type, key, value: String(value) })
      }
    }
    if (updates.length === 0 || updates.length > 100) return warn('set: give 1 to 100 values in fields, user or variables')
    enqueue({ kind: 'updates', id, body: { updates } })
  }
  function destroy(): void {
    while (cleanups.length > 0) cleanups.pop()?.()
    resetPanel()
    resetMessages()
    onDestroy?.()
  }
  return hub
}
