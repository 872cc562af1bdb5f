import { createContext } from 'preact'
import type { $messages } from '../state/messages.ts'
import type { $outbox, $waitingForBot } from '../state/outbox.ts'
import type { $panel } from '../state/panel.ts'
import type { $session } from '../state/session.ts'
import type { Strings } from './strings.ts'

/** What the UI may ask for: actions it calls, and how it is configured. */
export interface WidgetActions {
  send(text: string): void
  choose(seq: number, index: number): void
  open(): void
  close(): void
}

export interface WidgetConfig {
  side: 'left' | 'right'
  strings: Strings
  /** The widget's BCP 47 locale, for dates and plurals (Intl). */
  locale: string
  /** The direction of the widget's locale (ui/strings.ts), set on the panel so that it does not follow the page's. */
  dir: 'ltr' | 'rtl'
  /** Where relative image addresses of bot messages are resolved: the backend, not the host page. */
  assetBase: string
}

/**
 * The stores the chat reads, handed over by the loader: the chat UI is a file of its own
 * (embed/chat-file.ts), and a copy of the stores there would be other stores.
 */
export interface WidgetStores {
  $panel: typeof $panel
  $session: typeof $session
  $messages: typeof $messages
  $outbox: typeof $outbox
  $waitingForBot: typeof $waitingForBot
}

export interface WidgetContext {
  actions: WidgetActions
  config: WidgetConfig
  stores: WidgetStores
}

export const Widget = createContext<WidgetContext>(null as unknown as WidgetContext)

/** An http(s) address, resolved against the backend, or null for anything else (javascript:, data:). */
export function safeUrl(url: string | undefined, base: string): string | null {
  if (!url) return null
  try {
    const resolved = new URL(url, base)
    return resolved.protocol === 'https:' || resolved.protocol === 'http:' ? resolved.href : null
  } catch {
    return null
  }
}
