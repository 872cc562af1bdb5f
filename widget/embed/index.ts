// The script tag's entry point: the composition root. Nothing imports embed/.
import { type DoorwayApi, runQueued } from './api.ts'
import { loadChatFile } from './chat-file.ts'
import { readConfig } from './config.ts'
import { pagePlatform } from './platform.ts'
import { checkCallbacks, findTampering } from './realm.ts'
import { mountWidget } from './widget.ts'

const PREFIX = 'Doorway:'

function boot(win: Window & typeof globalThis): void {
  const warn = (message: string) => console.warn(`${PREFIX} ${message}`)
  // With a built-in broken, starting could lose or empty the link: the widget refuses before it
  // scrubs, stores or sends anything, and leaves the link in the address.
  const refuse = (name: string) =>
    console.error(`${PREFIX} this page replaced ${name}, which the widget needs; it does not start and leaves the link in the address`)
  const broken = findTampering()
  if (broken) return refuse(broken)
  // Read now: currentScript is null once this first run of the script is over.
  const script =
    (win.document.currentScript as HTMLScriptElement | null) ?? win.document.querySelector<HTMLScriptElement>('script[src*="doorway"]')
  const result = readConfig(script, win.location.href, win.document.documentElement.lang || win.navigator.language)
  if (!result.ok) return warn(`${result.error}. The widget is not shown.`)
  for (const warning of result.warnings) warn(warning)
  const page = pagePlatform(win)
  if (typeof page === 'string') return refuse(page)

  const mount = () => {
    const stub = (win as unknown as { Doorway?: unknown }).Doorway
    if ((stub as { loaded?: boolean } | undefined)?.loaded) {
      page.close()
      return warn('the script is on this page twice; the second copy does nothing')
    }
    const onDestroy = () => {
      page.close()
      delete (win as unknown as { Doorway?: unknown }).Doorway
    }
    const { platform, replaceAddress, listen } = page
    const { config } = result
    const loadChat = () => loadChatFile(win.document, script?.src || win.location.href, config.nonce ?? '')
    const ready = (api: DoorwayApi) => {
      ;(win as unknown as { Doorway: unknown }).Doorway = api
      runQueued(stub, api)
    }
    mountWidget({ config, platform, replaceAddress, listen, loadChat, win, warn, onDestroy, ready })
  }
  const start = () => {
    try {
      mount()
    } catch (error) {
      // Never throw into the host page, on this tick or a later one.
      console.error(`${PREFIX} the widget failed to start:`, error)
    }
  }
  // One tick of the page's timers: promises must have called back by then.
  checkCallbacks(page.platform, (broken) => {
    if (broken) {
      page.close()
      return refuse(broken)
    }
    if (win.document.body) start()
    else win.document.addEventListener('DOMContentLoaded', start, { once: true })
  })
}

try {
  boot(window)
} catch (error) {
  // Never throw into the host page.
  console.error(`${PREFIX} the widget failed to start:`, error)
}
