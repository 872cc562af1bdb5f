import type { ChatMessage } from '../../widget/transport/protocol.ts'
import type { ContactFeed } from '../store/store.ts'

type Listener = (message: ChatMessage) => void
type TypingListener = (seconds: number) => void

/** Longest a bot may say it is typing in one signal; it says so again to go on. */
export const MAX_TYPING_SECONDS = 30

/**
 * A feed announcement that is a typing signal, not new messages: `CONTACT typing SECONDS N`, N
 * counting this process's signals so that the feed never merges two alike (3, 0, 3 stays three).
 */
const TYPING = /^(\S+) typing (\d+) \d+$/

/**
 * Fans new messages out to the event streams open in this process. Alone (SQLite), a
 * publish delivers the messages it is given. With a feed shared by several processes
 * (PostgreSQL), a publish only announces the contact, and each process reads what is new
 * from the database, one read at a time per contact, so every stream gets every message of
 * every process in sequence order.
 */
export class MessageHub {
  private readonly listeners = new Map<string, Set<Listener>>()
  private readonly typists = new Map<string, Set<TypingListener>>()
  /**
   * Per contact, until when (ms) the bot last said it is typing, so that a stream that opens
   * meanwhile, or reads its backlog while the signal comes, is told too. Any message of the
   * contact after the signal ends it: the bot has answered, or the conversation moved on.
   */
  private readonly typingUntil = new Map<string, number>()
  private signals = 0
  /** Per contact with listeners: the highest sequence number read for them (shared feed only). */
  private readonly read = new Map<string, number>()
  private readonly reading = new Map<string, Promise<void>>()

  constructor(
    private readonly shared?: { feed: ContactFeed; messagesAfter: (contactId: string, after: number) => Promise<ChatMessage[]> },
  ) {}

  /** Calls `listener` with each new message of the contact; `after` is where the listener's backlog ends. */
  subscribe(contactId: string, listener: Listener, after = 0): () => void {
    let set = this.listeners.get(contactId)
    if (!set) {
      set = new Set()
      this.listeners.set(contactId, set)
      this.read.set(contactId, after)
    }
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size > 0) return
      this.listeners.delete(contactId)
      this.read.delete(contactId)
    }
  }

  /** Calls `listener` each time the bot says it is typing to the contact (0: it stopped); not stored. */
  onTyping(contactId: string, listener: TypingListener): () => void {
    let set = this.typists.get(contactId)
    if (!set) {
      set = new Set()
      this.typists.set(contactId, set)
    }
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0 && this.typists.get(contactId) === set) this.typists.delete(contactId)
    }
  }

  /** The bot is typing to the contact for `seconds` (0: no longer), in every process's streams. */
  typing(contactId: string, seconds: number): void {
    if (!this.shared) return this.typed(contactId, seconds)
    this.shared.feed
      .announce(`${contactId} typing ${seconds} ${++this.signals}`)
      .catch((error: Error) => console.error('doorway-demo: cannot announce typing:', error.message))
  }

  private typed(contactId: string, seconds: number): void {
    const capped = Math.min(seconds, MAX_TYPING_SECONDS)
    const now = Date.now()
    if (capped > 0) this.typingUntil.set(contactId, now + capped * 1000)
    else this.typingUntil.delete(contactId)
    // Signals last 30 s at most: what has expired is forgotten before the map grows large.
    if (this.typingUntil.size > 10_000) for (const [id, until] of this.typingUntil) if (until <= now) this.typingUntil.delete(id)
    for (const listener of this.typists.get(contactId) ?? []) listener(capped)
  }

  /** The whole seconds left of the bot's typing to the contact, 0 when it is not typing. */
  typingLeft(contactId: string): number {
    const left = (this.typingUntil.get(contactId) ?? 0) - Date.now()
    if (left > 0) return Math.ceil(left / 1000)
    this.typingUntil.delete(contactId)
    return 0
  }

  publish(contactId: string, messages: ChatMessage[]): void {
    if (messages.length === 0) return
    this.typingUntil.delete(contactId)
    if (!this.shared) return this.deliver(contactId, messages)
    this.shared.feed
      .announce(contactId)
      .catch((error: Error) => console.error('doorway-demo: cannot announce new messages:', error.message))
    this.heard(contactId)
  }

  /**
   * Another process (or this one) announced new messages of a contact, or the bot's typing to it
   * (`CONTACT typing SECONDS N`); null: some may have been missed.
   */
  heard(contactId: string | null): void {
    if (contactId === null) {
      for (const id of this.listeners.keys()) this.heard(id)
      return
    }
    const typing = TYPING.exec(contactId)
    if (typing) {
      // After the messages being read for the contact: typing announced after a message never comes before it.
      const [, id, seconds] = typing
      void (this.reading.get(id) ?? Promise.resolve()).then(() => this.typed(id, Number(seconds)))
      return
    }
    // New messages, from this process or another: they end the typing signal before them.
    this.typingUntil.delete(contactId)
    const shared = this.shared
    if (!shared || !this.listeners.has(contactId)) return
    const previous = this.reading.get(contactId) ?? Promise.resolve()
    const next = previous.then(async () => {
      for (;;) {
        const after = this.read.get(contactId)
        if (after === undefined) return
        const page = await shared.messagesAfter(contactId, after)
        if (page.length === 0) return
        if (this.read.has(contactId)) this.read.set(contactId, page[page.length - 1].seq)
        this.deliver(contactId, page)
      }
    })
    const settled = next.catch((error: Error) => console.error('doorway-demo: cannot read new messages:', error.message))
    this.reading.set(contactId, settled)
    void settled.then(() => {
      if (this.reading.get(contactId) === settled) this.reading.delete(contactId)
    })
  }

  private deliver(contactId: string, messages: ChatMessage[]): void {
    const set = this.listeners.get(contactId)
    if (!set) return
    for (const message of messages) for (const listener of set) listener(message)
  }
}
