// The script tag's entry point: the composition root. Nothing imports embed/.
import { runQueued } from './api.ts'
import { readConfig } from './config.ts'
import { browserPlatform } from './platform.ts'
import { findTampering } from './realm.ts'
import { mountWidget } from './widget.tsx'

const PREFIX = 'Doorway:'

function boot(win: Window & typeof globalThis): void {
  // First of all: with a built-in replaced, starting could lose or empty the link, so the
  // widget leaves everything (the address included) as it is.
  const replaced = findTampering(win)
  if (replaced)
    return console.error(
      `${PREFIX} this page replaced ${replaced}, which the widget needs; it does not start and leaves the link in the address`,
    )
  // Taken now, while they are known to be the browser's own.
  const platform = browserPlatform(win)
  const warn = (message: string) => console.warn(`${PREFIX} ${message}`)
  const stub = (win as unknown as { Doorway?: unknown }).Doorway
  if ((stub as { loaded?: boolean } | undefined)?.loaded) return warn('the script is on this page twice; the second copy does nothing')
  const script =
    (win.document.currentScript as HTMLScriptElement | null) ?? win.document.querySelector<HTMLScriptElement>('script[src*="doorway"]')
  const result = readConfig(script, win.location.href, win.document.documentElement.lang || win.navigator.language)
  if (!result.ok) return warn(`${result.error}. The widget is not shown.`)
  for (const warning of result.warnings) warn(warning)
  const start = () => {
    try {
      mount()
    } catch (error) {
      // Never throw into the host page, on this tick or a later one.
      console.error(`${PREFIX} the widget failed to start:`, error)
    }
  }
  const mount = () => {
    const onDestroy = () => {
      delete (win as unknown as { Doorway?: unknown }).Doorway
    }
    const hub = mountWidget({ config: result.config, platform, win, warn, onDestroy })
    ;(win as unknown as { Doorway: unknown }).Doorway = hub.api
    runQueued(stub, hub.api)
  }
  if (win.document.body) start()
  else win.document.addEventListener('DOMContentLoaded', start, { once: true })
}

try {
  boot(window)
} catch (error) {
  // Never throw into the host page.
  console.error(`${PREFIX} the widget failed to start:`, error)
}
