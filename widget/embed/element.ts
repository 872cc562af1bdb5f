import type { DoorwayApi } from './api.ts'
import { SETTINGS, type SettingsSource } from './config.ts'

/** The element's name: `<doorway-chat bot="demo" api="…">`. */
export const ELEMENT_NAME = 'doorway-chat'

/** `<doorway-chat>`: `doorway` is its widget's API (README, "The <doorway-chat> element"). */
export interface DoorwayElement extends HTMLElement {
  doorway: DoorwayApi | null
}

declare global {
  interface HTMLElementTagNameMap {
    'doorway-chat': DoorwayElement
  }
}

/** An element's settings: its attributes, named as the script tag's data-* ones; `nonce` as the browser keeps it. */
export function elementSettings(element: HTMLElement, defaultApi?: string): SettingsSource {
  const values: SettingsSource['values'] = { nonce: element.nonce }
  for (const name of SETTINGS) values[name] ||= element.getAttribute(name) ?? undefined
  return { values, label: (name) => name, place: `<${ELEMENT_NAME}>`, defaultApi }
}

/**
 * Defines `<doorway-chat>` in `win`, once (as preact-custom-element's `register` does): putting
 * one in the page starts a widget with `start`, which returns its stop; taking the element out
 * stops it, putting it back starts it again, and a changed attribute restarts it.
 */
export function defineElement(win: Window & typeof globalThis, start: (element: DoorwayElement) => () => void): void {
  if (win.customElements.get(ELEMENT_NAME)) return
  win.customElements.define(
    ELEMENT_NAME,
    class extends win.HTMLElement implements DoorwayElement {
      static observedAttributes = SETTINGS
      doorway: DoorwayApi | null = null
      stop: (() => void) | null = null
      connectedCallback() {
        this.stop ??= start(this)
      }
      disconnectedCallback() {
        this.stop?.()
        this.stop = this.doorway = null
      }
      attributeChangedCallback(_name: string, before: string | null, after: string | null) {
        if (!this.stop || before === after) return
        this.disconnectedCallback()
        this.connectedCallback()
      }
    },
  )
}
