import { $panel, closePanel } from '../state/panel.ts'
import { adoptStyles } from '../ui/adopt-styles.ts'
import { drawLauncher } from '../ui/launcher.ts'
import { directionOf, forLocale, LAUNCHER_LABELS, type LauncherWords, matchLocale } from '../ui/launcher-strings.ts'
import { LAUNCHER_STYLES } from '../ui/launcher-styles.ts'
import type { EmbedConfig } from './config.ts'
import { paintTheme } from './theme.ts'

/** The element the widget lives in, one per page. */
export const WIDGET_ELEMENT = 'doorway-widget'

/** The widget's place on the page: a shadow root with the launcher, and the element the chat renders into. */
export interface Shell {
  shadow: ShadowRoot
  launcher: HTMLButtonElement
  container: HTMLElement
  /** Gives the launcher the chat's words for it (ui/launcher.ts). */
  speak(words: LauncherWords): void
  remove(): void
}

/** Adds the widget's element to the page, in a shadow root: the page's CSS cannot break it, and it cannot break the page. */
export function drawShell(
  doc: Document,
  config: Pick<EmbedConfig, 'side' | 'locale' | 'nonce' | 'accent' | 'radius' | 'font' | 'theme'>,
  warn: (message: string) => void = () => undefined,
): Shell {
  const host = doc.createElement(WIDGET_ELEMENT)
  const shadow = host.attachShadow({ mode: 'open' })
  adoptStyles(shadow, LAUNCHER_STYLES, config.nonce ?? '')
  const root = doc.createElement('div')
  root.className = `root side-${config.side}`
  // The widget's own direction, from its locale: never the page's (a right-to-left page, an English widget).
  root.dir = directionOf(config.locale)
  // The language it speaks, for screen readers and hyphenation: English when the page's has no strings.
  root.lang = matchLocale(config.locale)
  const stopTheme = paintTheme(root, config)
  const launcher = drawLauncher(doc, forLocale(LAUNCHER_LABELS, config.locale))
  const container = doc.createElement('div')
  root.append(launcher.button, container)
  // Escape closes the chat from any control of the widget, and gives focus back to the launcher.
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !$panel.get().open) return
    event.stopPropagation()
    closePanel()
    launcher.button.focus()
  })
  shadow.append(root)
  doc.body.append(host)
  const stopKeeping = keepOnPage(doc, host, warn)
  return {
    shadow,
    launcher: launcher.button,
    container,
    speak: launcher.speak,
    remove() {
      stopKeeping()
      stopTheme()
      launcher.cleanup()
      host.remove()
    },
  }
}

/** Put back more often than this within a second, the element is being removed on purpose. */
const MAX_RETURNS_PER_SECOND = 5

/**
 * Puts the element back when a single-page app re-renders the body (or replaces it) and drops
 * it: its shadow root, and the conversation in it, come back as they were. A page that keeps
 * removing it (anti-injection code) wins after a few tries, with one warning, rather than the
 * two starving the event loop. Returns the cleanup.
 */
function keepOnPage(doc: Document, host: HTMLElement, warn: (message: string) => void): () => void {
  const Observer = doc.defaultView?.MutationObserver
  if (!Observer) return () => undefined
  let body: HTMLElement | null = null
  let returns: number[] = []
  const observer = new Observer(() => {
    if (!host.isConnected) {
      const now = Date.now()
      returns = [...returns.filter((at) => at > now - 1000), now]
      if (returns.length > MAX_RETURNS_PER_SECOND) {
        observer.disconnect()
        return warn('this page keeps removing the widget from the page; it stays removed')
      }
      ;(doc.body ?? doc.documentElement).append(host)
    }
    watch()
  })
  const watch = () => {
    if (doc.body === body) return
    body = doc.body
    observer.observe(doc.documentElement, { childList: true })
    if (body) observer.observe(body, { childList: true })
  }
  watch()
  return () => observer.disconnect()
}
