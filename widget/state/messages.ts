import { atom } from 'nanostores'
import type { ChatMessage } from '../transport/protocol.ts'

/** The conversation, ordered by sequence number, each message once. */
export const $messages = atom<ChatMessage[]>([])

/** True while the bot says it is typing (a bot on the bot API: docs/bot-api.md). */
export const $botTyping = atom(false)

/** The highest sequence number the widget has. */
export const lastSeq = (): number => $messages.get().at(-1)?.seq ?? 0

/** Adds messages from any source (answers, the event stream, history); returns the new ones. */
export function receiveMessages(incoming: ChatMessage[]): ChatMessage[] {
  const current = $messages.get()
  const known = new Set(current.map((message) => message.seq))
  const fresh = incoming.filter((message) => Number.isInteger(message?.seq) && !known.has(message.seq) && known.add(message.seq))
  if (fresh[0]) $messages.set([...current, ...fresh].sort((a, b) => a.seq - b.seq))
  return fresh
}

export function resetMessages(): void {
  $messages.set([])
  $botTyping.set(false)
}
