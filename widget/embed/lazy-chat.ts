import { $botBusy } from '../state/follow.ts'
import { $messages } from '../state/messages.ts'
import { $outbox } from '../state/outbox.ts'
import { $panel } from '../state/panel.ts'
import { $session } from '../state/session.ts'
import type { Platform } from '../transport/platform.ts'
import type { WidgetActions } from '../ui/context.ts'
import type { ChatSettings, MountChat } from '../ui/mount-chat.tsx'
import type { Shell } from './shell.ts'

export interface LazyChatOptions {
  shell: Shell
  /** Loads the chat's file (embed/chat-file.ts); tests pass the module itself. */
  load: () => Promise<MountChat>
  platform: Pick<Platform, 'setTimeout' | 'clearTimeout'>
  config: ChatSettings
  actions: WidgetActions
  nonce: string
  /** A load failed, for the reason `message`; `retrying` when another attempt is scheduled. */
  failed(message: string, retrying: boolean): void
}

const MAX_DELAY = 30_000

export interface LazyChat {
  /** Settles once the chat is mounted and the panel has rendered: rejected when a load fails. */
  shown(): Promise<void>
  stop(): void
}

/**
 * Loads and mounts the chat when it is wanted: when the panel opens (the visitor, a command or
 * a link opened it) and ahead of time when the launcher is hovered or focused; never on a page
 * view where nothing asks for it. A failed load is retried with backoff while the panel is
 * open, and again the next time it is wanted.
 */
export function lazyChat(options: LazyChatOptions): LazyChat {
  const { shell, platform } = options
  let loading = false
  let unmount: (() => void) | null = null
  let stopped = false
  let failures = 0
  let timer: unknown = null
  const waiting: { resolve(): void; reject(error: Error): void }[] = []
  // After the render that the panel's store change scheduled: Preact renders before a timer fires.
  let renderTimer: unknown = null
  const rendered = () => {
    if (renderTimer !== null || waiting.length === 0) return
    renderTimer = platform.setTimeout(() => {
      renderTimer = null
      for (const waiter of waiting.splice(0)) waiter.resolve()
    }, 0)
  }

  const want = () => {
    if (loading || unmount || stopped || timer !== null) return
    loading = true
    const stores = { $panel, $session, $messages, $outbox, $waitingForBot: $botBusy }
    const { config, actions, nonce } = options
    options
      .load()
      // A chat that fails to mount is a failed load: nothing is thrown into the page.
      .then((mountChat) => {
        loading = false
        if (stopped) return
        unmount = mountChat({ ...shell, config, actions, stores, nonce })
        rendered()
      })
      .catch((error: unknown) => {
        loading = false
        if (stopped) return
        failures++
        const retrying = $panel.get().open
        if (retrying)
          timer = platform.setTimeout(
            () => {
              timer = null
              want()
            },
            Math.min(MAX_DELAY, 1000 * 2 ** (failures - 1)),
          )
        const message = String((error as Error)?.message ?? error)
        options.failed(message, retrying)
        const failure = Object.assign(new Error(message), { code: 'chat_unavailable', retrying })
        for (const waiter of waiting.splice(0)) waiter.reject(failure)
      })
  }

  const stopPanel = $panel.subscribe(({ open }) => open && want())
  for (const type of ['pointerenter', 'focus']) shell.launcher.addEventListener(type, want)
  return {
    shown: () =>
      new Promise((resolve, reject) => {
        waiting.push({ resolve, reject })
        if (unmount) rendered()
        else want()
      }),
    stop() {
      stopped = true
      stopPanel()
      for (const type of ['pointerenter', 'focus']) shell.launcher.removeEventListener(type, want)
      for (const pending of [timer, renderTimer]) if (pending !== null) platform.clearTimeout(pending)
      unmount?.()
      const gone = Object.assign(new Error('the widget was destroyed'), { code: 'destroyed' })
      for (const waiter of waiting.splice(0)) waiter.reject(gone)
    },
  }
}
