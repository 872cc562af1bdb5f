import { describe, expect, it } from 'vitest'
import { findTampering } from '../../widget/embed/realm.ts'

type Win = Window & typeof globalThis

/**
 * A window whose platform functions are native stand-ins (Node has no native fetch or Storage);
 * Object, Array, JSON and Promise are this realm's own, as the script's are the page's.
 */
function nativeWindow(overrides: Record<string, unknown> = {}): Win {
  return {
    Object,
    Array,
    JSON,
    Promise,
    fetch: Math.max,
    EventSource: Math.min,
    setTimeout: Math.abs,
    clearTimeout: Math.sign,
    crypto: { getRandomValues: Math.random },
    history: { replaceState: Math.floor },
    Storage: { prototype: { getItem: Math.ceil, setItem: Math.round, removeItem: Math.trunc, key: Math.sqrt } },
    ...overrides,
  } as unknown as Win
}

/** Checks a window with `patch` applied to this realm, and undoes it before anything else runs. */
function patched(patch: () => () => void): string | null {
  const undo = patch()
  try {
    return findTampering(nativeWindow())
  } finally {
    undo()
  }
}

function replace<T extends object, K extends keyof T>(on: T, key: K, value: unknown, enumerable = false): () => void {
  const had = Object.getOwnPropertyDescriptor(on, key)
  Object.defineProperty(on, key, { value, configurable: true, writable: true, enumerable })
  return () => (had ? Object.defineProperty(on, key, had) : delete on[key])
}

describe('findTampering', () => {
  it('finds nothing where every built-in is the browser’s own', () => {
    expect(findTampering(nativeWindow())).toBeNull()
  })

  it('does without what is absent (no EventSource)', () => {
    expect(findTampering(nativeWindow({ EventSource: undefined }))).toBeNull()
  })

  it('names a platform function the page replaced, even bound or behind a Proxy', () => {
    const fake = async () => new Response('{}')
    expect(findTampering(nativeWindow({ fetch: fake }))).toBe('fetch')
    expect(findTampering(nativeWindow({ fetch: fake.bind(null) }))).toBe('fetch')
    expect(findTampering(nativeWindow({ fetch: new Proxy(Math.max, {}) }))).toBe('fetch')
    expect(findTampering(nativeWindow({ fetch: 'fetch' }))).toBe('fetch')
    expect(findTampering(nativeWindow({ history: { replaceState() {} } }))).toBe('history.replaceState')
    const storage = { prototype: { getItem: Math.ceil, setItem: () => undefined, removeItem: Math.trunc, key: Math.sqrt } }
    expect(findTampering(nativeWindow({ Storage: storage }))).toBe('Storage.prototype.setItem')
  })

  it('names keys added to Object.prototype or Array.prototype', () => {
    // Assigned (enumerable) as a page does, or defined out of sight of for...in.
    expect(patched(() => replace(Object.prototype, 'then' as never, () => undefined, true))).toBe('Object.prototype.then')
    expect(patched(() => replace(Object.prototype, 'then' as never, () => undefined))).toBe('Object.prototype.then')
    expect(patched(() => replace(Object.prototype, 'toJSON' as never, () => ({})))).toBe('Object.prototype.toJSON')
    expect(patched(() => replace(Array.prototype, 'toJSON' as never, () => []))).toBe('Array.prototype.toJSON')
    expect(patched(() => replace(Array.prototype, 'last' as never, 1, true))).toBe('Array.prototype.last')
  })

  it('names JSON when its round trip is wrong, whatever made it so', () => {
    expect(patched(() => replace(JSON, 'stringify', () => '{}'))).toBe('JSON')
    const parse = JSON.parse
    expect(patched(() => replace(JSON, 'parse', (text: string) => ({ ...parse(text), extra: 1 })))).toBe('JSON')
  })

  it('names an array method the page replaced', () => {
    expect(patched(() => replace(Array.prototype, 'map', () => []))).toBe('Array.prototype.map')
    expect(patched(() => replace(Array.prototype, 'includes', () => false))).toBe('Array.prototype.includes')
    expect(patched(() => replace(Promise.prototype, 'then', () => undefined))).toBe('Promise.prototype.then')
  })

  it('treats a built-in that throws when read as replaced', () => {
    const win = nativeWindow()
    Object.defineProperty(win, 'crypto', {
      get() {
        throw new Error('no crypto here')
      },
    })
    expect(findTampering(win)).toBe('a built-in (Error: no crypto here)')
  })
})
