import { render } from 'preact'
import { adoptStyles } from './adopt-styles.ts'
import { Chat } from './Chat.tsx'
import type { WidgetConfig, WidgetContext } from './context.ts'
import { directionOf, stringsFor } from './strings.ts'
import { PANEL_STYLES } from './styles.ts'

/** Where the chat goes: the loader's shadow root, an element in it, and the launcher beside it. */
export interface ChatPlace {
  shadow: ShadowRoot
  container: HTMLElement
  launcher: HTMLElement
  /** The script tag's nonce, for browsers without constructable stylesheets (ui/adopt-styles.ts). */
  nonce: string
}

/** How the loader configures the chat: the locale, whose words and direction are in this file (ui/strings.ts). */
export type ChatSettings = Omit<WidgetConfig, 'strings' | 'dir'> & { locale: string }

/** Renders the chat into the loader's shadow root; returns the cleanup. */
export function mountChat({
  shadow,
  container,
  launcher,
  nonce,
  config: { locale, ...config },
  ...context
}: ChatPlace & Omit<WidgetContext, 'config'> & { config: ChatSettings }): () => void {
  adoptStyles(shadow, PANEL_STYLES, nonce)
  render(<Chat launcher={launcher} config={{ ...config, strings: stringsFor(locale), dir: directionOf(locale) }} {...context} />, container)
  return () => render(null, container)
}

export type MountChat = typeof mountChat
