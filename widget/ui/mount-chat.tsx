import { render } from 'preact'
import { accentText, DARK_SURFACE, DEFAULT_ACCENT } from './accent.ts'
import { adoptStyles } from './adopt-styles.ts'
import { Chat } from './Chat.tsx'
import type { WidgetConfig, WidgetContext } from './context.ts'
import { type LauncherWords, matchLocale } from './launcher-strings.ts'
import { directionOf, stringsFor, unreadLabel } from './strings.ts'
import { PANEL_STYLES } from './styles.ts'
import { themeOf } from './theme.ts'

/** Where the chat goes: the loader's shadow root, an element in it, and the launcher beside it. */
export interface ChatPlace {
  shadow: ShadowRoot
  container: HTMLElement
  launcher: HTMLElement
  /** Gives the launcher its words in the widget's language (ui/launcher.ts). */
  speak(words: LauncherWords): void
  /** The script tag's nonce, for browsers without constructable stylesheets (ui/adopt-styles.ts). */
  nonce: string
}

/** How the loader configures the chat: the locale, whose words and direction are in this file (ui/strings.ts). */
export type ChatSettings = Omit<WidgetConfig, 'strings' | 'dir'> & { accent?: string }

/** Renders the chat into the loader's shadow root; returns the cleanup. */
export function mountChat({
  shadow,
  container,
  launcher,
  speak,
  nonce,
  config: { locale, accent, ...config },
  ...context
}: ChatPlace & Omit<WidgetContext, 'config'> & { config: ChatSettings }): () => void {
  adoptStyles(shadow, PANEL_STYLES, nonce)
  // The accent (the site's, else the bot file's) as text on the light and on the dark surface, made
  // to read there (ui/accent.ts); the loader set the rest of the look (embed/theme.ts).
  const paintText = () => {
    const text = themeOf({ accent }, context.stores.$session.get().bot?.theme).accent ?? DEFAULT_ACCENT
    container.style.setProperty('--dw-accent-text', accentText(text))
    container.style.setProperty('--dw-accent-text-dark', accentText(text, DARK_SURFACE))
  }
  paintText()
  const stopPainting = context.stores.$session.listen(paintText)
  const lang = matchLocale(locale)
  const strings = stringsFor(locale)
  speak({ unread: (count) => unreadLabel(strings, lang, count) })
  render(<Chat launcher={launcher} config={{ ...config, locale: lang, strings, dir: directionOf(locale) }} {...context} />, container)
  return () => {
    stopPainting()
    render(null, container)
  }
}

export type MountChat = typeof mountChat
