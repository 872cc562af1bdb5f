import { resetMessages } from '../state/messages.ts'
import { enqueue, restoreOutbox } from '../state/outbox.ts'
import { $panel, closePanel, openPanel, resetPanel } from '../state/panel.ts'
import { dropReceipts, receiptFor } from '../state/receipts.ts'
import { resetSession } from '../state/session.ts'
import { type Platform, randomId } from '../transport/platform.ts'
import type { MountChat } from '../ui/mount-chat.tsx'
import { commandError, createApi, type DoorwayApi, type EventHub } from './api.ts'
import type { EmbedConfig } from './config.ts'
import { type PageLink, readLink } from './link.ts'
import { watchNavigation } from './navigation.ts'
import { type RunningWidget, runWidget } from './run-widget.ts'
import { readSetValues, setResults } from './set-values.ts'

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
  ready?: (api: DoorwayApi) => void
}

/** The outcome the commands still waiting get when the widget stops: no answer will come. */
const ended = (code: string, message: string) => ({ ok: false as const, error: { status: 0, code, message, retryable: false } })

/**
 * Starts one widget. The address's link is decoded at once; with consent (or when none is
 * asked) embed/run-widget.ts applies it, stores and sends. Until then links are held in memory
 * and scrubbed, and nothing is stored or sent. Links that arrive by client-side navigation go
 * the same way. Returns the API; `destroy` undoes everything.
 */
export function mountWidget(options: MountOptions): EventHub {
  const { config, platform, win, warn } = options
  const replaceAddress = options.replaceAddress ?? ((url) => win.history.replaceState(win.history.state, '', url))
  let running: RunningWidget | null = null
  let held: PageLink[] = []
  const current = () => running
  const start = (): RunningWidget => {
    running = runWidget(options, hub, held, replaceAddress)
    held = []
    return running
  }
  const stop = () => {
    running?.stop()
    running = null
    resetPanel()
    resetMessages()
    resetSession(null)
    // Storage keeps the outbox for the next page view: its persistence has stopped.
    restoreOutbox([])
  }
  // Held until consent, a link is scrubbed at once: nothing but memory keeps it.
  const hold = (link: PageLink) => {
    if (link.intent) held.push(link)
    link.scrub(replaceAddress)
  }
  const arrive = (href: string) => {
    const link = readLink(href, config, warn)
    if (running) running.apply(link)
    else hold(link)
  }

  const hub = createApi(
    {
      open() {
        if (!running)
          throw commandError('consent_required', "the visitor has not consented yet; Doorway('consent', true) starts the widget")
        openPanel()
        return running.shown()
      },
      close: closePanel,
      toggle: () => ($panel.get().open ? closePanel() : hub.api.open()),
      destroy,
      set(values) {
        const id = randomId(platform, 12)
        const updates = readSetValues(values, id)
        if (typeof updates === 'string') {
          warn(updates)
          throw commandError('invalid_values', updates)
        }
        const receipt = receiptFor(id)
        enqueue({ kind: 'updates', id, body: { updates } })
        return receipt.then((outcome) => setResults(updates, outcome))
      },
      consent(given) {
        if (typeof given !== 'boolean') throw commandError('invalid_command', 'consent takes true or false')
        if (given) {
          if (running) return
          return start().openAtStart()
        }
        stop()
        held = []
        dropReceipts(ended('consent_withdrawn', 'the visitor withdrew consent; what was not sent is forgotten'))
        const prefix = `doorway:${config.bot}:`
        for (const name of platform.storage.keys()) if (name.startsWith(prefix)) platform.storage.removeItem(name)
      },
      navigate: () => arrive(win.location.href),
    },
    warn,
  )

  const link = readLink(win.location.href, config, warn)
  if (config.consentRequired) hold(link)
  else {
    // Scrubbed once it is in the outbox (embed/run-widget.ts), in this same tick.
    if (link.intent) held.push(link)
    else link.scrub(replaceAddress)
  }
  const started = config.consentRequired ? null : start()
  const stopWatching = watchNavigation(win, arrive)
  options.ready?.(hub.api)
  // Unless the page's queued calls destroyed or withdrew it meanwhile.
  if (started && current() === started) started.openAtStart()

  function destroy(): void {
    stopWatching()
    stop()
    dropReceipts(
      ended('destroyed', 'the widget was destroyed before the backend answered; what was not sent is kept for the next page view'),
    )
    options.onDestroy?.()
  }
  return hub
}
