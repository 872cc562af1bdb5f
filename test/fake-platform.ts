import type { Platform } from '../widget/transport/platform.ts'

/**
 * A platform whose timers run only when told to, with storage in a Map and a fetch you script.
 * Two fakes given one `store` are two tabs of one browser.
 */
export function fakePlatform(fetchImpl: Platform['fetch'] = async () => new Response('{}'), store = new Map<string, string>()) {
  let now = 1_000_000
  let nextId = 1
  const timers = new Map<number, { at: number; fn: () => void }>()
  const platform: Platform = {
    fetch: (...args) => fetchImpl(...args),
    EventSource: null,
    setTimeout: (fn, ms) => {
      const id = nextId++
      timers.set(id, { at: now + ms, fn })
      return id
    },
    clearTimeout: (handle) => {
      timers.delete(handle as number)
    },
    storage: {
      getItem: (key) => store.get(key) ?? null,
      setItem: (key, value) => void store.set(key, value),
      removeItem: (key) => void store.delete(key),
      keys: () => [...store.keys()],
    },
    randomBytes: (length) => Uint8Array.from({ length }, (_, i) => (i * 53 + nextId++) & 255),
    now: () => now,
  }
  return {
    platform,
    store,
    timers,
    /** Moves the clock on, running the timers that fall due, and lets their promises settle. */
    async advance(ms: number) {
      const until = now + ms
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0]
        if (!due) break
        timers.delete(due[0])
        now = Math.max(now, due[1].at)
        due[1].fn()
        await settle()
      }
      now = until
      await settle()
    },
  }
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve()
  await new Promise((resolve) => setImmediate(resolve))
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })
}
