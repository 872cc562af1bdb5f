import { type Platform, safeStorage } from '../transport/platform.ts'

/** The real platform of a browser page. */
export function browserPlatform(win: Window & typeof globalThis): Platform {
  return {
    fetch: win.fetch.bind(win),
    EventSource: typeof win.EventSource === 'function' ? win.EventSource : null,
    setTimeout: (fn, ms) => win.setTimeout(fn, ms),
    clearTimeout: (handle) => win.clearTimeout(handle as number),
    storage: safeStorage(() => win.localStorage),
    randomBytes: (length) => win.crypto.getRandomValues(new Uint8Array(length)),
    now: () => Date.now(),
  }
}
