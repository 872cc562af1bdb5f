import { type Platform, safeStorage } from '../transport/platform.ts'
import { type Fn, isNative, read } from './native.ts'
import { raceTimers } from './race-timers.ts'

type Win = Window & typeof globalThis

/** The real platform of a browser page, and what the embed needs beside it. */
export interface PagePlatform {
  platform: Platform
  /** Replaces the address bar's URL, keeping history.state. */
  replaceAddress(url: string): void
  /** Listens on the page's window and the hidden frame's, this one and any opened later; returns the cleanup. */
  listen(type: string, listener: (event: Event) => void): () => void
  /** Removes the hidden frame; calls that need it fail from then on. */
  close(): void
}

// What the widget needs from a window, and what it calls the others with.
const NEEDED = `fetch EventSource setTimeout clearTimeout Date.now crypto.getRandomValues History.prototype.replaceState
Storage.prototype.getItem Storage.prototype.setItem Storage.prototype.removeItem Storage.prototype.key
Reflect.apply Function.prototype.toString`.split(/\s+/)

const NO_FRAME = 'HTMLIFrameElement.prototype.contentWindow, or the built-ins of a new frame'

/**
 * The page's built-ins where they print as native code under their own name, and else those of
 * a hidden same-origin frame, which the page cannot have replaced: zone.js, monitoring scripts
 * and polyfills wrap fetch and timers, and the widget must work there. Returns the name of what
 * is broken when no frame can be had whose built-ins are native.
 */
export function pagePlatform(win: Win): PagePlatform | string {
  const doc = win.document
  const pagePrint = win.Function.prototype.toString
  // A native getter: it throws unless given a real iframe, whatever createElement returned.
  const contentWindow = Object.getOwnPropertyDescriptor(win.HTMLIFrameElement.prototype, 'contentWindow')?.get
  // Engines name a getter "get contentWindow" (V8) or "contentWindow".
  if (!isNative(pagePrint, contentWindow, 'get contentWindow') && !isNative(pagePrint, contentWindow, 'contentWindow')) return NO_FRAME
  let frame: HTMLIFrameElement | undefined
  let closed = false
  const listeners = new Set<[string, (event: Event) => void]>()
  const open = (): Win | null => {
    frame?.remove()
    frame = doc.createElement('iframe')
    frame.hidden = true
    frame.tabIndex = -1
    frame.setAttribute('aria-hidden', 'true')
    // `hidden` alone gives way to a page's `* { all: unset !important }`.
    frame.style.setProperty('display', 'none', 'important')
    // Not in body: single-page apps re-render it.
    doc.documentElement.appendChild(frame)
    const realm = (contentWindow as Fn).call(frame) as Win | null
    const print = read(realm, 'Function.prototype.toString')
    const fine = (path: string) => (path === 'EventSource' && !read(realm, path)) || isNative(print, read(realm, path), path)
    if (realm && realm !== win && NEEDED.every(fine)) {
      for (const [type, listener] of listeners) realm.addEventListener(type, listener)
      return realm
    }
    frame.remove()
    return null
  }
  let realm = open()
  if (!realm) return NO_FRAME
  const first = realm
  const print = read(first, 'Function.prototype.toString')
  const apply = read(first, 'Reflect.apply') as (fn: unknown, self: unknown, args: unknown[]) => unknown
  const live = (): Win => {
    if (!closed && (!realm || realm.closed)) realm = open()
    // Thrown into the widget only: fetch and storage fail, and are retried or kept in memory.
    if (closed || !realm) throw new Error(NO_FRAME)
    return realm
  }
  const own = (path: string) => isNative(print, read(win, path), path)
  /** `path` of the page, taken now, where it is native; else of the live frame: with the window it is from. */
  const pick = (path: string) => {
    const fn = read(win, path)
    const mine = own(path)
    return (): [Fn, Win] => {
      const from = mine ? win : live()
      return [mine ? (fn as Fn) : (read(from, path) as Fn), from]
    }
  }
  /** Calls `path`, picked as above, on `self` of its window. */
  const take = (path: string, self = (from: Win): unknown => from) => {
    const get = pick(path)
    return (...args: unknown[]) => {
      const [fn, from] = get()
      return apply(fn, self(from), args)
    }
  }
  const storage = (name: string) => take(`Storage.prototype.${name}`, () => win.localStorage)
  const replaceState = take('History.prototype.replaceState', () => win.history)
  const key = storage('key')
  const random = take('crypto.getRandomValues', (from) => from.crypto)
  const source = pick('EventSource')
  const platform: Platform = {
    fetch: take('fetch') as Platform['fetch'],
    EventSource: read(first, 'EventSource')
      ? (function EventSource(url: string) {
          return new (source()[0] as unknown as new (url: string) => EventSource)(url)
        } as unknown as Platform['EventSource'])
      : null,
    ...(own('setTimeout') && own('clearTimeout')
      ? { setTimeout: take('setTimeout') as Platform['setTimeout'], clearTimeout: take('clearTimeout') }
      : raceTimers(win, live, apply)),
    // safeStorage keeps what the widget writes in memory when these throw.
    storage: safeStorage(
      () =>
        ({
          getItem: storage('getItem'),
          setItem: storage('setItem'),
          removeItem: storage('removeItem'),
          key,
          get length() {
            let length = 0
            while (key(length) !== null) length++
            return length
          },
        }) as unknown as Storage,
    ),
    randomBytes: (length) => random(new Uint8Array(length)) as Uint8Array,
    now: take('Date.now') as Platform['now'],
  }
  return {
    platform,
    replaceAddress: (url) => replaceState(win.history.state, '', url),
    listen(type, listener) {
      const entry: [string, (event: Event) => void] = [type, listener]
      listeners.add(entry)
      for (const target of [win, realm]) target?.addEventListener(type, listener)
      return () => {
        listeners.delete(entry)
        for (const target of [win, realm]) target?.removeEventListener(type, listener)
      }
    },
    close() {
      closed = true
      frame?.remove()
    },
  }
}
