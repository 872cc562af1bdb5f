import { createContext } from 'preact'
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
  /** Where relative image addresses of bot messages are resolved: the backend, not the host page. */
  assetBase: string
}

export interface WidgetContext {
  actions: WidgetActions
  config: WidgetConfig
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
