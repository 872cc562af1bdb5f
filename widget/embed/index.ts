// The script tag's entry point: the composition root. Nothing imports embed/.
import { commandError, type DoorwayApi } from './api.ts'
import { bootWidget, failed } from './boot.ts'
import { loadChatFile } from './chat-file.ts'
import { type EmbedConfig, scriptSettings } from './config.ts'
import { defineElement, elementSettings } from './element.ts'
import { rejectQueued, runQueued } from './stub-queue.ts'

type Page = Window & typeof globalThis & { Doorway?: unknown }

try {
  const win = window as Page
  // Read now: currentScript is null once this first run of the script is over.
  const script = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[src*="doorway"]')
  const settings = scriptSettings(script, location.href)
  const loadChat = (config: EmbedConfig) => loadChatFile(document, script?.src || location.href, config.nonce ?? '')
  // data-element: the page's <doorway-chat> elements say how, and the tag starts nothing itself;
  // each element's `doorway` is its API once the widget is ready.
  if (script?.hasAttribute('data-element'))
    defineElement(win, (element) =>
      bootWidget({
        win,
        settings: () => elementSettings(element, settings.defaultApi),
        loadChat,
        ready: (api) => {
          element.doorway = api
        },
      }),
    )
  else
    bootWidget({
      win,
      settings: () => settings,
      loadChat,
      ready(api: DoorwayApi) {
        // The snippet's stub queued the calls made before now.
        const stub = win.Doorway
        win.Doorway = api
        runQueued(stub, api)
      },
      onDestroy: () => delete win.Doorway,
      // The stub's awaited calls learn that no widget will answer them.
      notStarted: (reason) => rejectQueued(win.Doorway, commandError('not_started', reason)),
    })
} catch (error) {
  // Never throw into the host page.
  failed(error)
}
