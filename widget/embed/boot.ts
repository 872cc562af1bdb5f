import { pagePlatform } from '../page/platform.ts'
import { checkCallbacks, findTampering } from '../page/realm.ts'
import type { MountChat } from '../ui/mount-chat.tsx'
import type { DoorwayApi } from './api.ts'
import { type ConfigResult, type EmbedConfig, readSettings, type SettingsSource } from './config.ts'
import { WIDGET_ELEMENT } from './shell.ts'
import { mountWidget } from './widget.ts'

/** What every message of the widget on the page's console starts with. */
export const PREFIX = 'Doorway:'

export const warn = (message: string) => console.warn(`${PREFIX} ${message}`)

// Whether a widget of this copy of the code runs: a consent not yet given draws no shell.
let running = false

/** Says the widget did not start because of `error`, which is not thrown into the page. */
export const failed = (error: unknown) => console.error(`${PREFIX} the widget failed to start:`, error)

export interface BootOptions {
  win: Window & typeof globalThis
  /**
   * The settings (embed/config.ts), read once the built-ins passed their checks and the body is
   * there: an element's attributes are all set by then, and the address is the current one.
   */
  settings(): SettingsSource
  /** Loads the chat's code when it is wanted: the chat's file for the script tag, a dynamic import for the package. */
  loadChat(config: EmbedConfig): Promise<MountChat>
  /** Called with the API once the widget is wired, before a link opens the chat. */
  ready?(api: DoorwayApi): void
  /** Called after the widget's destroy() removed everything. */
  onDestroy?(): void
  /** Called when the widget will not start, with why: what waits for it must not wait forever. */
  notStarted?(reason: string): void
}

/**
 * Starts the widget on the page, for the script tag, mountDoorway and the element alike: checks
 * the page's built-ins (page/realm.ts), takes a platform the page cannot have wrapped
 * (page/platform.ts), reads the configuration and mounts (embed/widget.ts) once the body is
 * there. Returns `stop`: it cancels a start that has not happened and destroys a widget that has.
 * Nothing is thrown into the page.
 */
export function bootWidget(options: BootOptions): () => void {
  const { win } = options
  const doc = win.document
  let stopped = false
  let api: DoorwayApi | null = null
  let close = () => {}
  const guard = (run: () => void) => {
    try {
      run()
    } catch (error) {
      // Never throw into the host page, on this tick or a later one.
      close()
      failed(error)
      if (!api) options.notStarted?.(`the widget failed to start: ${(error as Error)?.message ?? error}`)
    }
  }
  // With a built-in broken, starting could lose or empty the link: the widget refuses before it
  // scrubs, stores or sends anything, and leaves the link in the address.
  const refuse = (name: string) => {
    close()
    const reason = `this page replaced ${name}, which the widget needs; it does not start and leaves the link in the address`
    console.error(`${PREFIX} ${reason}`)
    options.notStarted?.(reason)
  }
  const mount = () =>
    guard(() => {
      doc.removeEventListener('DOMContentLoaded', mount)
      if (stopped) return
      // One widget per page: the stores are this copy's, and another copy's shell (embed/shell.ts) is on the page.
      const result: ConfigResult =
        running || doc.querySelector(WIDGET_ELEMENT)
          ? { ok: false, error: 'a widget is on this page already; destroy it first' }
          : readSettings(options.settings(), win.location.href, doc.documentElement.lang || win.navigator.language)
      if (!result.ok) {
        close()
        options.notStarted?.(result.error)
        return warn(`${result.error}. The widget is not shown.`)
      }
      for (const warning of result.warnings) warn(warning)
      const { config } = result
      const onDestroy = () => {
        stopped = true
        running = false
        close()
        options.onDestroy?.()
      }
      running = true
      api = mountWidget({ ...page, config, win, warn, loadChat: () => options.loadChat(config), onDestroy, ready: options.ready }).api
    })

  let page: Exclude<ReturnType<typeof pagePlatform>, string>
  guard(() => {
    const broken = findTampering()
    if (broken) return refuse(broken)
    const taken = pagePlatform(win)
    if (typeof taken === 'string') return refuse(taken)
    page = taken
    close = taken.close
    // One tick of the page's timers: promises must have called back by then.
    checkCallbacks(page.platform, (broken) => {
      if (stopped) return
      if (broken) return refuse(broken)
      if (doc.body) mount()
      else doc.addEventListener('DOMContentLoaded', mount)
    })
  })
  return () => {
    if (stopped) return
    stopped = true
    doc.removeEventListener('DOMContentLoaded', mount)
    if (api) api.destroy()
    else close()
  }
}
