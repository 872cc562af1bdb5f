import { followConversation } from '../state/follow.ts'
import { resetMessages } from '../state/messages.ts'
import { enqueue, persistOutbox, restoreOutbox } from '../state/outbox.ts'
import { closePanel, markSeenWhileOpen, openPanel, persistSeen, resetPanel, togglePanel } from '../state/panel.ts'
import { connectionChanged, resetSession } from '../state/session.ts'
import { createHttpTransport } from '../transport/http.ts'
import { type Platform, randomId } from '../transport/platform.ts'
import type { MountChat } from '../ui/mount-chat.tsx'
import { stringsFor } from '../ui/strings.ts'
import { createApi, type EventHub } from './api.ts'
import type { EmbedConfig } from './config.ts'
import { watchConnectBlocked } from './connect-blocked.ts'
import { startConversation } from './conversation.ts'
import { lazyChat } from './lazy-chat.ts'
import { takeLink } from './link.ts'
import { readSetValues } from './set-values.ts'
import { drawShell } from './shell.ts'
import { emitStoreEvents } from './store-events.ts'
import { visitorToken } from './visitor-token.ts'

export interface MountOptions {
  config: EmbedConfig
  platform: Platform
  win: Window & typeof globalThis
  warn: (message: string) => void
  /** Loads the chat's file (embed/chat-file.ts) when it is wanted. */
  loadChat: () => Promise<MountChat>
  /** Called after destroy() removed everything. */
  onDestroy?: () => void
  /** Replaces the address bar's URL, keeping history.state; embed/platform.ts gives one the page cannot have emptied. */
  replaceAddress?: (url: string) => void
  /** Listens on every window the widget fetches from (embed/platform.ts): how a blocked backend is heard of. */
  listen?: (type: string, listener: (event: Event) => void) => () => void
  /** Called with the API once the widget is wired and before a link opens the chat: how the page's queued calls and handlers see every event. */
  ready?: (api: EventHub['api']) => void
}

/**
 * Starts one widget: the link is decoded, claimed and put in the outbox, then scrubbed from the
 * address; the session starts, the launcher is drawn, and the chat's file loads when it is
 * wanted. Each step is a module; this only wires them. Returns the API; `destroy` undoes everything.
 */
export function mountWidget(options: MountOptions): EventHub {
  const { config, platform, win, warn, listen } = options
  const key = (name: string) => `doorway:${config.bot}:${name}`
  const cleanups: (() => void)[] = []
  const sendValues = (updates: ReturnType<typeof readSetValues>, id: string) =>
    typeof updates === 'string' ? warn(updates) : enqueue({ kind: 'updates', id, body: { updates } })
  const hub = createApi(
    {
      open: openPanel,
      close: closePanel,
      toggle: togglePanel,
      destroy,
      set(values) {
        const id = randomId(platform, 12)
        sendValues(readSetValues(values, id), id)
      },
    },
    warn,
  )

  const link = takeLink(win.location.href, config, platform, key, warn)
  const token = visitorToken(platform, key('token'))
  const transport = createHttpTransport({ api: config.api, bot: config.bot, token, platform })
  resetSession(link.intent)
  resetMessages()
  cleanups.push(persistSeen(platform.storage, key('seen')), markSeenWhileOpen(), persistOutbox(platform, key('outbox')))

  const stream = followConversation(transport)
  let historyUpTo = () => Number.POSITIVE_INFINITY
  cleanups.push(emitStoreEvents(hub, () => historyUpTo()))
  const conversation = startConversation(transport, platform, { intent: link.intent, hub, warn, stream })
  historyUpTo = conversation.historyUpTo
  cleanups.push(stream.stop, conversation.stop)
  link.scrub(options.replaceAddress ?? ((url) => win.history.replaceState(win.history.state, '', url)))

  // Retrying cannot get past the page's policy: say so once, stop, and keep the outbox for a page that allows it.
  if (listen)
    cleanups.push(
      watchConnectBlocked(listen, config.api, (directive, origin) => {
        conversation.stop()
        stream.stop()
        const message = `this page's Content-Security-Policy (${directive}) blocks the bot backend at ${origin}; the widget stops trying.`
        warn(message)
        connectionChanged(false, message)
        hub.emit('error', { code: 'csp_blocked', message })
      }),
    )

  const shell = drawShell(win.document, config)
  cleanups.push(shell.remove)
  const sendMessage = (body: { text: string } | { choice: { seq: number; index: number } }) => {
    const id = randomId(platform, 12)
    enqueue({ kind: 'message', id, body: { id, ...body } })
  }
  cleanups.push(
    lazyChat({
      shell,
      load: options.loadChat,
      platform,
      nonce: config.nonce ?? '',
      config: { side: config.side, strings: stringsFor(config.locale), assetBase: `${config.api}/` },
      actions: {
        open: openPanel,
        close: closePanel,
        send: (text) => sendMessage({ text }),
        choose: (seq, index) => sendMessage({ choice: { seq, index } }),
      },
      failed: (message, retrying) => hub.emit('error', { code: 'chat_unavailable', message, retrying }),
    }),
  )

  options.ready?.(hub.api)
  const { intent } = link
  if (config.open === 'always' || (config.open === 'auto' && intent && (intent.ref !== null || intent.block !== null))) openPanel()

  function destroy(): void {
    while (cleanups.length > 0) cleanups.pop()?.()
    resetPanel()
    resetMessages()
    resetSession(null)
    // Storage keeps the outbox for the next page view: its persistence stopped above.
    restoreOutbox([])
    options.onDestroy?.()
  }
  return hub
}
