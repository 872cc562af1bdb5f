import { computed } from 'nanostores'
import type { Transport } from '../transport/transport.ts'
import { $botTyping, lastSeq, receiveMessages } from './messages.ts'
import { $waitingForBot } from './outbox.ts'
import { $session, connectionChanged } from './session.ts'

/** The typing indicator: a message or the opening waits for the bot, or the bot says it is typing. */
export const $botBusy = computed([$waitingForBot, $botTyping], (waiting, typing) => waiting || typing)

export interface Follower {
  /** Follows the event stream from the last message the widget has, once the session is ready. */
  follow(): void
  /** Stops following, for good: `follow` does nothing after. */
  stop(): void
}

/**
 * Follows the conversation into $messages, and its state into $session. What the widget does
 * not have yet is read page by page first, one store update per page: the event stream gives
 * one event per message, and Chromium dispatches a chunk's events in one task, so 5,000 of
 * them held the page for seconds. The stream then carries on from the last message read.
 */
export function followConversation(transport: Pick<Transport, 'subscribe' | 'history'>): Follower {
  let unsubscribe: (() => void) | null = null
  let stopped = false
  const catchUp = (): unknown =>
    transport.history(lastSeq()).then((result) => {
      if (stopped) return
      if (result.ok && receiveMessages(result.value.messages)[0] && lastSeq() < result.value.lastSeq) return catchUp()
      unsubscribe = transport.subscribe(
        lastSeq(),
        (message) => receiveMessages([message]),
        connectionChanged,
        (typing) => $botTyping.set(typing),
      )
    })
  return {
    follow() {
      if (stopped || unsubscribe || $session.get().status !== 'ready') return
      unsubscribe = () => {}
      catchUp()
    },
    stop() {
      stopped = true
      unsubscribe?.()
      unsubscribe = null
      $botTyping.set(false)
    },
  }
}
