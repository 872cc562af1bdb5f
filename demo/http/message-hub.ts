import type { ChatMessage } from '../../widget/transport/protocol.ts'

type Listener = (message: ChatMessage) => void

/** Fans new messages out to the event streams open for a contact. */
export class MessageHub {
  private readonly listeners = new Map<string, Set<Listener>>()

  subscribe(contactId: string, listener: Listener): () => void {
    let set = this.listeners.get(contactId)
    if (!set) {
      set = new Set()
      this.listeners.set(contactId, set)
    }
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0) this.listeners.delete(contactId)
    }
  }

  publish(contactId: string, messages: ChatMessage[]): void {
    const set = this.listeners.get(contactId)
    if (!set) return
    for (const message of messages) for (const listener of set) listener(message)
  }
}
