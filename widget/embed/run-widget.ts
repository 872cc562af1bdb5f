import type { EntryIntent } from '../entry/index.ts'
import { watchConnectBlocked } from '../page/connect-blocked.ts'
import { visitorToken } from '../page/visitor-token.ts'
import { followConversation } from '../state/follow.ts'
import { resetMessages } from '../state/messages.ts'
import { $outbox, enqueue, persistOutbox, sessionItem } from '../state/outbox.ts'
import { $panel, closePanel, markSeenWhileOpen, openPanel, persistSeen } from '../state/panel.ts'
import { dropReceipts } from '../state/receipts.ts'
import { connectionChanged, resetSession } from '../state/session.ts'
import { createHttpTransport } from '../transport/http.ts'
import { randomId } from '../transport/platform.ts'
import { forLocale, LAUNCHER_LABELS } from '../ui/launcher-strings.ts'
import { drawTeaser } from '../ui/teaser.ts'
import type { EventHub } from './api.ts'
import { startConversation } from './conversation.ts'
import { lazyChat } from './lazy-chat.ts'
import type { PageLink } from './link.ts'
import type { MountOptions } from './mount-options.ts'
import { drawShell } from './shell.ts'
import { emitStoreEvents } from './store-events.ts'

/** A widget that may store and send: what consent starts (or the page view, when none is asked). */
export interface RunningWidget {
  /** Applies a link that arrived after the start (a client-side navigation): once, then scrubbed. */
  apply(link: PageLink): void
  /** Opens the panel when a link names a flow or block (data-open="auto") or always. */
  openFor(intent: EntryIntent | null): void
  /** openFor the links it started with. */
  openAtStart(): void
  /** Settles when the panel has rendered (embed/lazy-chat.ts). */
  shown(): Promise<void>
  /** Why nothing can be sent (the page's policy blocks the backend, or it refuses the page's origin), or null. */
  blocked(): { code: string; message: string } | null
  stop(): void
}

/**
 * Starts what stores and sends, with the links that arrived so far (the page's, or those held
 * until consent), oldest first: the visitor's token, the outbox and what the panel has seen
 * restored from storage, the session, the event stream, the launcher, and the chat when wanted.
 */
export function runWidget(options: MountOptions, hub: EventHub, links: PageLink[], replaceAddress: (url: string) => void): RunningWidget {
  const { config, platform, win, warn, listen } = options
  const key = (name: string) => `doorway:${config.bot}:${name}`
  const cleanups: (() => void)[] = []
  let blocked: { code: string; message: string } | null = null
  // The launcher first: it needs no storage, and it is what the visitor waits to see.
  const shell = drawShell(win.document, config, warn)
  cleanups.push(shell.remove, drawTeaser(shell.launcher, forLocale(LAUNCHER_LABELS, config.locale)[2], platform.storage, key('teaser')))
  const intents = links.map((link) => link.claim(platform, key))
  const first = intents.find((intent) => intent !== null) ?? null
  const token = visitorToken(platform, key('token'))
  const transport = createHttpTransport({ api: config.api, bot: config.bot, token, platform })
  resetSession(first)
  resetMessages()
  // What the page asked for before this start (`set` before consent) goes after what storage
  // kept and after the links, in the order it was asked.
  const early = $outbox.get()
  cleanups.push(persistSeen(platform.storage, key('seen')), markSeenWhileOpen(), persistOutbox(platform, key('outbox')))

  const stream = followConversation(transport)
  let historyUpTo = () => Number.POSITIVE_INFINITY
  cleanups.push(emitStoreEvents(hub, () => historyUpTo()))
  // Retrying cannot get past the page's policy, nor a backend that refuses the page's origin:
  // say so once, stop, and keep the outbox for a page view that may send it.
  const block = (code: string, message: string) => {
    if (blocked) return
    blocked = { code, message }
    conversation.stop()
    stream.stop()
    // What awaits an answer gets none on this page view; the outbox keeps it in storage.
    dropReceipts({ ok: false, error: { status: 0, code, message, retryable: false } })
    warn(message)
    connectionChanged(false, message)
    hub.emit('error', { code, message })
  }
  const conversation = startConversation(transport, platform, { intent: first, hub, warn, stream, blocked: block })
  historyUpTo = conversation.historyUpTo
  cleanups.push(stream.stop, conversation.stop)
  const later = (intent: EntryIntent | null) => {
    if (intent && intent !== first) enqueue(sessionItem(randomId(platform, 12), intent))
  }
  intents.forEach(later)
  for (const item of early) enqueue(item)
  for (const link of links) link.scrub(replaceAddress)

  if (listen)
    cleanups.push(
      watchConnectBlocked(listen, config.api, (directive, origin) =>
        block(
          'csp_blocked',
          `this page's Content-Security-Policy (${directive}) blocks the bot backend at ${origin}; the widget stops trying.`,
        ),
      ),
    )

  const sendMessage = (body: { text: string } | { choice: { seq: number; index: number } }) => {
    const id = randomId(platform, 12)
    enqueue({ kind: 'message', id, body: { id, ...body } })
  }
  const chat = lazyChat({
    shell,
    load: options.loadChat,
    platform,
    nonce: config.nonce ?? '',
    config: { side: config.side, locale: config.locale, accent: config.accent, assetBase: `${config.api}/` },
    actions: {
      open: openPanel,
      close: closePanel,
      send: (text) => sendMessage({ text }),
      choose: (seq, index) => sendMessage({ choice: { seq, index } }),
    },
    failed: (message, retrying) => hub.emit('error', { code: 'chat_unavailable', message, retrying }),
  })
  cleanups.push(chat.stop)

  let opened = false
  cleanups.push($panel.subscribe(({ open }) => (opened ||= open)))
  const running: RunningWidget = {
    apply(link) {
      const intent = link.claim(platform, key)
      later(intent)
      link.scrub(replaceAddress)
      // The first opening of a page view starts the flow (conversation.ts); a later one is asked for.
      if (intent && opened && startsFlow(intent)) enqueue({ kind: 'open', id: `open-${randomId(platform, 9)}` })
      running.openFor(intent)
    },
    openFor(intent) {
      if (config.open === 'always' || (config.open === 'auto' && intent && startsFlow(intent))) openPanel()
    },
    openAtStart: () => running.openFor(intents.find((intent) => intent !== null && startsFlow(intent)) ?? null),
    shown: chat.shown,
    blocked: () => blocked,
    stop() {
      while (cleanups.length > 0) cleanups.pop()?.()
    },
  }
  return running
}

const startsFlow = (intent: EntryIntent) => intent.ref !== null || intent.block !== null
