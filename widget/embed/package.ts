// The npm package's entry (`doorway`): importing it does nothing; mountDoorway and
// defineDoorwayElement start the widget. The chat is a dynamic import, which the app's bundler
// splits into a file of its own and loads when the chat is wanted.
import type { DoorwayApi } from './api.ts'
import { optionSettings } from './config.ts'
import { defineElement, elementSettings } from './element.ts'
import { startWidget } from './start-widget.ts'

export type { DoorwayApi, EventName, Handler } from './api.ts'
export type { DoorwayElement } from './element.ts'
export { ELEMENT_NAME } from './element.ts'

/** The widget's settings, as the script tag's data-* attributes (README, "Attributes"). */
export interface DoorwayOptions {
  /** The bot's id; by default `p` of the page address. */
  bot?: string
  /** The bot backend's address. */
  api?: string
  position?: 'bottom-right' | 'bottom-left'
  /** `auto`: open by itself when the link names a flow or block; `always`; `never`. */
  open?: 'auto' | 'always' | 'never'
  /** `en`, `fr`, `de`, `es`, `pt`, `it`, `nl`, `ar` or `he`; by default the page's `lang`, then the browser's. */
  locale?: string
  /** More parameter names read like `ref`, e.g. `['start']`. */
  params?: string | readonly string[]
  /** The page's nonce, for the `<style>` of browsers without constructable stylesheets. */
  nonce?: string
  /** `required`: nothing is stored or sent until `consent(true)` (README, "Consent"). */
  consent?: 'given' | 'required'
  /** The accent colour, `#rgb` or `#rrggbb`. */
  accent?: string
  /** The corner radius in px, 0 to 24. */
  radius?: number | string
  /** A CSS font-family list of fonts the page loads, e.g. `'"Inter", sans-serif'`. */
  font?: string
  /** `auto` follows the visitor's prefers-color-scheme; `light` or `dark` fixes it. */
  theme?: 'auto' | 'light' | 'dark'
}

const loadChat = () => import('../ui/mount-chat.tsx').then((module) => module.mountChat)

/**
 * Starts the widget on this page, now or once the page has loaded, and returns its API, the same
 * as `window.Doorway` of the script tag: calls made before it is ready wait for it, and `destroy()`
 * removes everything. The link in the current address is applied. Bad options are one `Doorway:`
 * warning, never an exception; one widget runs on a page at a time.
 */
export function mountDoorway(options: DoorwayOptions = {}): DoorwayApi {
  return startWidget(window, () => optionSettings(options), loadChat)
}

/** Defines `<doorway-chat bot="…" api="…">` (README, "The <doorway-chat> element"); calling it again does nothing. */
export function defineDoorwayElement(): void {
  defineElement(window, (element) => {
    const api = startWidget(window, () => elementSettings(element), loadChat)
    element.doorway = api
    return api.destroy
  })
}
