import { forgetVisitor, watchWithdrawal } from '../page/consent.ts'
import { watchNavigation } from '../page/navigation.ts'
import { resetMessages } from '../state/messages.ts'
import { restoreOutbox } from '../state/outbox.ts'
import { $panel, closePanel, openPanel, resetPanel } from '../state/panel.ts'
import { dropReceipts } from '../state/receipts.ts'
import { resetSession } from '../state/session.ts'
import { commandError, createApi, type EventHub } from './api.ts'
import { type PageLink, readLink } from './link.ts'
import type { MountOptions } from './mount-options.ts'
import { type RunningWidget, runWidget } from './run-widget.ts'
import { sendValues } from './set-values.ts'

/** At most this many links wait for consent; each becomes a session when it is given. */
const MAX_HELD = 10

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
  let destroyed = false
  let held: PageLink[] = []
  // Queries already taken on this page view: a router that pushes a link again after the
  // applied-once memory's 30 minutes does not apply it twice.
  const taken = new Set<string>()
  const current = () => running
  // Events only from a started widget: a handler that withdrew consent hears nothing more of it.
  let active = false
  const start = (): RunningWidget => {
    active = true
    running = runWidget(options, hub, held, replaceAddress)
    held = []
    return running
  }
  const stop = () => {
    active = false
    running?.stop()
    running = null
    hub.forget('ready')
    resetPanel()
    resetMessages()
    resetSession(null)
    // Storage keeps the outbox for the next page view: its persistence has stopped.
    restoreOutbox([])
  }
  // Held until consent, a link is scrubbed at once: nothing but memory keeps it.
  const hold = (link: PageLink) => {
    if (link.intent && held.length < MAX_HELD) held.push(link)
    link.scrub(replaceAddress)
  }
  const arrive = (href: string) => {
    const link = readLink(href, config, warn)
    if (link.intent && taken.has(link.query)) return link.scrub(replaceAddress)
    if (link.intent) taken.add(link.query)
    if (running) running.apply(link)
    else hold(link)
  }
  const withdraw = (code: string) => {
    stop()
    held = []
    dropReceipts(ended(code, 'the visitor withdrew consent; what was not sent is forgotten'))
    forgetVisitor(platform.storage, config.bot)
  }

  const hub = createApi(
    {
      open() {
        const widget = running
        if (!widget) throw commandError('consent_required', "the visitor has not consented yet; Doorway('consent', true) starts the widget")
        openPanel()
        return widget.shown()
      },
      close: closePanel,
      toggle: () => ($panel.get().open ? closePanel() : hub.api.open()),
      destroy,
      set: (values) => sendValues(values, platform, warn, running?.blocked() ?? null),
      consent(given) {
        if (typeof given !== 'boolean') throw commandError('invalid_command', 'consent takes true or false')
        if (given) {
          if (running) return
          return start().openAtStart()
        }
        withdraw('consent_withdrawn')
      },
      navigate: () => arrive(win.location.href),
    },
    warn,
    { accepts: () => !destroyed, emits: () => active && !destroyed },
  )

  const cleanups: (() => void)[] = []
  try {
    const link = readLink(win.location.href, config, warn)
    if (link.intent) taken.add(link.query)
    if (config.consentRequired) hold(link)
    else {
      // Scrubbed once it is in the outbox (embed/run-widget.ts), in this same tick.
      if (link.intent) held.push(link)
      else link.scrub(replaceAddress)
    }
    const started = config.consentRequired ? null : start()
    cleanups.push(
      watchNavigation(win, arrive, warn),
      // Another tab withdrew consent (or storage was cleared): this one stops writing too.
      watchWithdrawal(win, config.bot, () => running && withdraw('consent_withdrawn')),
    )
    options.ready?.(hub.api)
    // Unless the page's queued calls destroyed or withdrew it meanwhile.
    if (started && current() === started) started.openAtStart()
  } catch (error) {
    // A half-started widget must not stay on the page without an API to destroy it.
    destroy()
    throw error
  }

  function destroy(): void {
    if (destroyed) return
    destroyed = true
    while (cleanups.length > 0) cleanups.pop()?.()
    stop()
    dropReceipts(
      ended(
        'destroyed',
        'the widget was destroyed before the backend answered; what was already queued waits in storage for the next page view',
      ),
    )
    options.onDestroy?.()
  }
  return hub
}
