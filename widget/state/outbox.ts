import { atom, computed } from 'nanostores'
import type { EntryIntent } from '../entry/types.ts'
import type { Platform, PlatformStorage } from '../transport/platform.ts'
import type { SessionRequest, UpdatesRequest, VisitorMessageRequest } from '../transport/protocol.ts'

// Sending is its own file; the outbox's users import it from here.
export { type OutboxHandlers, type OutboxRunner, startOutbox } from './outbox-runner.ts'

/** One write waiting for the backend's acknowledgement; its id makes every retry safe. */
export type OutboxItem = { id: string; attempts: number; due: number } & (
  | { kind: 'session'; body: SessionRequest }
  | { kind: 'open' }
  | { kind: 'message'; body: VisitorMessageRequest }
  | { kind: 'updates'; body: UpdatesRequest }
)

export type NewOutboxItem = OutboxItem extends infer T ? (T extends OutboxItem ? Omit<T, 'attempts' | 'due'> : never) : never

/** Writes not yet acknowledged, oldest first; kept in localStorage (`persistOutbox`) so a reload resumes them. */
export const $outbox = atom<OutboxItem[]>([])

/** True while a visitor message or the chat's opening waits for the bot: the typing indicator. */
export const $waitingForBot = computed($outbox, (items) => items.some((item) => item.kind === 'message' || item.kind === 'open'))

/** Adds a write at the end, or with `front` before everything else; an id already queued is not added twice. */
export function enqueue(item: NewOutboxItem, { front = false } = {}): void {
  const items = $outbox.get()
  if (items.some((queued) => queued.id === item.id)) return
  const added = { ...item, attempts: 0, due: 0 } as OutboxItem
  $outbox.set(front ? [added, ...items] : [...items, added])
}

/** The item that starts or resumes the session, applying `intent` once: the intent's id is the item's. */
export function sessionItem(id: string, intent: EntryIntent | null): NewOutboxItem {
  return intent ? { kind: 'session', id, body: { intent, intentId: id } } : { kind: 'session', id, body: {} }
}

/** An item the outbox can send; anything else read from storage is ignored. */
function isOutboxItem(value: unknown): value is OutboxItem {
  const item = value as OutboxItem | null
  return typeof item?.id === 'string' && ['session', 'open', 'message', 'updates'].includes(item?.kind)
}

/** The items of a list, or of its JSON text (the single key of earlier versions); what is not an item is dropped. */
function itemsOf(list: unknown): OutboxItem[] {
  if (typeof list === 'string') {
    try {
      list = JSON.parse(list)
    } catch {
      list = null
    }
  }
  return Array.isArray(list) ? list.filter(isOutboxItem) : []
}

/** Replaces the outbox with `items` (a list, or its JSON text), due at once. */
export function restoreOutbox(items: unknown): void {
  $outbox.set(itemsOf(items).map((item) => ({ ...item, due: 0 })))
}

/**
 * Every item stored under `key` by any tab, oldest first: each lives under `<key>:<id>` as
 * `{ at, item }`, `at` being its creation stamp. What cannot be read is left alone.
 */
export function storedOutbox(storage: PlatformStorage, key: string): { at: number; item: OutboxItem }[] {
  const stored: { at: number; item: OutboxItem }[] = []
  for (const name of storage.keys()) {
    if (!name.startsWith(`${key}:`)) continue
    try {
      const entry = JSON.parse(storage.getItem(name) as string)
      if (typeof entry.at === 'number' && isOutboxItem(entry.item) && name === `${key}:${entry.item.id}`) stored.push(entry)
    } catch {
      // not ours, or damaged: skipped
    }
  }
  return stored.sort((a, b) => a.at - b.at)
}

/**
 * Restores the outbox from storage and keeps storage in step with it; returns the cleanup.
 * Each item has its own key (`<key>:<id>`), written when it is queued or retried and removed
 * when it leaves the outbox (acknowledged or refused), so tabs never overwrite each other's
 * items; the start restores those of every tab, ordered by their creation stamp (the backend
 * applies each id once, so two tabs sending one item is safe). The single `key` of earlier
 * versions is moved to per-item keys first, then removed.
 */
export function persistOutbox(platform: Pick<Platform, 'storage' | 'now'>, key: string): () => void {
  const { storage } = platform
  const write = (at: number, item: OutboxItem) => storage.setItem(`${key}:${item.id}`, JSON.stringify({ at, item }))
  const legacy = storage.getItem(key)
  if (legacy !== null) {
    // Stamps from 0 put these before anything a newer version queued.
    itemsOf(legacy).forEach((item, index) => {
      write(index, item)
    })
    storage.removeItem(key)
  }
  const stored = storedOutbox(storage, key)
  const stamps = new Map(stored.map(({ at, item }) => [item.id, at]))
  let last = stored.at(-1)?.at ?? 0
  restoreOutbox(stored.map(({ item }) => item))
  return $outbox.listen((items, old) => {
    const gone = new Map((old ?? []).map((item) => [item.id, item]))
    items.forEach((item, index) => {
      const before = gone.get(item.id)
      gone.delete(item.id)
      if (before === item) return
      let at = stamps.get(item.id)
      if (at === undefined) {
        // Stamps follow the queue's order: an item queued in front takes one before the old head's.
        if (index === 0 && items.length > 1) at = (stamps.get(items[1].id) ?? 0) - 1
        else at = last = Math.max(last + 1, platform.now())
        stamps.set(item.id, at)
      } else if (storage.getItem(`${key}:${item.id}`) === null) {
        // Another tab had it acknowledged meanwhile: writing it back would bring it back.
        return
      }
      write(at, item)
    })
    for (const id of gone.keys()) {
      stamps.delete(id)
      storage.removeItem(`${key}:${id}`)
    }
  })
}
