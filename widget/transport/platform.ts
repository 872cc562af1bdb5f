/** What the widget needs from its host: passed in, so tests pass a fake and the embed the real one. */
export interface Platform {
  fetch: typeof fetch
  /** An EventSource constructor, or null where there is none (the widget then polls). */
  EventSource: (new (url: string) => EventSource) | null
  setTimeout: (fn: () => void, ms: number) => unknown
  clearTimeout: (handle: unknown) => void
  /** localStorage, or an in-memory stand-in when storage is blocked. */
  storage: PlatformStorage
  /** Fills an array with cryptographically strong random bytes. */
  randomBytes: (length: number) => Uint8Array
  now: () => number
}

/** The part of Storage the widget uses; `keys` lists every key, those other tabs wrote included. */
export interface PlatformStorage extends Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  keys(): string[]
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** A random id of `bytes` random bytes, written in base64url. */
export function randomId(platform: Platform, bytes = 16): string {
  let id = ''
  for (const byte of platform.randomBytes(bytes)) id += ALPHABET[byte & 63]
  return id
}

/** Storage that never throws: Safari private mode, sandboxed frames and full quotas all fail writes. */
export function safeStorage(get: () => Storage | null): PlatformStorage {
  const memory = new Map<string, string>()
  const storage = (() => {
    try {
      return get()
    } catch {
      return null
    }
  })()
  return {
    getItem(key) {
      try {
        return storage ? storage.getItem(key) : (memory.get(key) ?? null)
      } catch {
        return memory.get(key) ?? null
      }
    },
    setItem(key, value) {
      memory.set(key, value)
      try {
        storage?.setItem(key, value)
      } catch {
        // kept in memory for this page view; the outbox still retries
      }
    },
    removeItem(key) {
      memory.delete(key)
      try {
        storage?.removeItem(key)
      } catch {
        // nothing else to do
      }
    },
    keys() {
      try {
        if (storage) return Array.from({ length: storage.length }, (_, i) => storage.key(i) as string)
      } catch {
        // storage went away: what this page view wrote is still in memory
      }
      return [...memory.keys()]
    },
  }
}
