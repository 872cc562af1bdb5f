import { computed, map } from 'nanostores'
import type { PlatformStorage } from '../transport/platform.ts'
import { $messages } from './messages.ts'

export interface PanelState {
  open: boolean
  /** The highest bot message sequence number the visitor has had in view. */
  seenSeq: number
}

export const $panel = map<PanelState>({ open: false, seenSeq: 0 })

/** Bot messages that arrived while the panel was closed: the launcher's badge. */
export const $unread = computed([$messages, $panel], (messages, panel) =>
  panel.open ? 0 : messages.filter((message) => message.from === 'bot' && message.seq > panel.seenSeq).length,
)

function lastSeq(): number {
  const messages = $messages.get()
  return messages.length === 0 ? 0 : messages[messages.length - 1].seq
}

export function openPanel(): void {
  if (!$panel.get().open) $panel.set({ open: true, seenSeq: lastSeq() })
}

export function closePanel(): void {
  if ($panel.get().open) $panel.set({ open: false, seenSeq: lastSeq() })
}

export function togglePanel(): void {
  if ($panel.get().open) closePanel()
  else openPanel()
}

/** Marks everything as seen (the panel is open while messages arrive). */
export function markSeen(): void {
  const seq = lastSeq()
  if ($panel.get().seenSeq !== seq) $panel.setKey('seenSeq', seq)
}

export function resetPanel(seenSeq = 0): void {
  $panel.set({ open: false, seenSeq })
}

/** Restores what the visitor has seen from storage under `key`, closed, and keeps it there; returns the cleanup. */
export function persistSeen(storage: PlatformStorage, key: string): () => void {
  resetPanel(Number(storage.getItem(key)) || 0)
  return $panel.listen((panel) => storage.setItem(key, String(panel.seenSeq)))
}

/** While the panel is open, what arrives is seen; returns the cleanup. */
export function markSeenWhileOpen(): () => void {
  return $messages.listen(() => {
    if ($panel.get().open) markSeen()
  })
}
