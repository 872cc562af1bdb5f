import { type Platform, safeStorage } from '../transport/platform.ts'

/**
 * The real platform of a browser page. Its functions are taken once, right after realm.ts found
 * them native, so that what the page replaces later does not reach the widget.
 */
export function browserPlatform(win: Window & typeof globalThis): Platform {
  const random = win.crypto.getRandomValues.bind(win.crypto)
  return {
    fetch: win.fetch.bind(win),
    EventSource: typeof win.EventSource === 'function' ? win.EventSource : null,
    setTimeout: win.setTimeout.bind(win),
    clearTimeout: win.clearTimeout.bind(win) as Platform['clearTimeout'],
    storage: safeStorage(() => win.localStorage),
    randomBytes: (length) => random(new Uint8Array(length)),
    now: () => Date.now(),
  }
}
