import type { Transport } from '../transport/transport.ts'
import { $lastSeq, receiveMessages } from './messages.ts'
import { $session, connectionChanged } from './session.ts'

export interface Follower {
  /** Follows the event stream from the last message the widget has, once the session is ready. */
  follow(): void
  /** Stops following, for good: `follow` does nothing after. */
  stop(): void
}

/** Follows the conversation's event stream into $messages, and its state into $session. */
export function followConversation(transport: Pick<Transport, 'subscribe'>): Follower {
  let unsubscribe: (() => void) | null = null
  let stopped = false
  return {
    follow() {
      if (stopped || unsubscribe || $session.get().status !== 'ready') return
      unsubscribe = transport.subscribe(
        $lastSeq.get(),
        (message) => receiveMessages([message]),
        (online) => connectionChanged(online),
      )
    },
    stop() {
      stopped = true
      unsubscribe?.()
      unsubscribe = null
    },
  }
}
