import type { EntryIntent } from '../entry/index.ts'
import type { Follower } from '../state/follow.ts'
import { receiveMessages } from '../state/messages.ts'
import { $outbox, enqueue, sessionItem, startOutbox } from '../state/outbox.ts'
import { $panel } from '../state/panel.ts'
import { $session, botKnown, connectionChanged, sessionReady } from '../state/session.ts'
import { type Platform, randomId } from '../transport/platform.ts'
import type { MessagesResponse, SessionResponse, UpdatesResponse } from '../transport/protocol.ts'
import type { Transport } from '../transport/transport.ts'
import type { EventHub } from './api.ts'

export interface Conversation {
  /** The last sequence number of the history the session found: messages up to it are no `message` events. */
  historyUpTo(): number
  stop(): void
}

/**
 * Starts or resumes the session through the outbox and turns the backend's answers into state
 * and events: `ready`, `entry`, `error`. A session an earlier page left in the outbox does for
 * a plain start, never for a new link; the chat's first opening is sent once.
 */
export function startConversation(
  transport: Transport,
  platform: Platform,
  {
    intent,
    hub,
    warn,
    stream,
    blocked,
  }: {
    intent: EntryIntent | null
    hub: EventHub
    warn: (message: string) => void
    stream: Follower
    /** The backend refuses this page's origin: nothing can be sent from it (run-widget.ts stops). */
    blocked: (code: string, message: string) => void
  },
): Conversation {
  let historyUpTo = Number.POSITIVE_INFINITY
  // The bot's name for the panel header; asked again once the backend answers, if it failed.
  const askInfo = () =>
    transport.info().then((result) => {
      if (result.ok) botKnown(result.value)
    })
  const startSession = (link: EntryIntent | null, front = false) => {
    enqueue(sessionItem(randomId(platform, 12), link), { front })
  }
  const runner = startOutbox(transport, platform, {
    done(item, value) {
      if (item.kind === 'session') {
        const answer = value as SessionResponse
        const first = $session.get().status !== 'ready'
        if (first) {
          historyUpTo = answer.lastSeq
          if (!$session.get().bot) askInfo()
        }
        sessionReady(answer.contactId, answer.teaser)
        if (first) hub.remember('ready', { contactId: answer.contactId, intent: $session.get().intent })
        if (item.body.intent) hub.emit('entry', { intent: item.body.intent, results: answer.results, start: answer.start })
        if (answer.lastSeq > 0 || $panel.get().open) stream.follow()
      } else if (item.kind === 'updates') {
        // Each update the backend did not store is said, with its key and why.
        const keys = new Map(item.body.updates.map((update) => [update.id, update.key]))
        for (const result of (value as UpdatesResponse).results) {
          if (result.status === 'rejected') hub.emit('error', { code: result.code, message: result.message, key: keys.get(result.id) })
        }
      } else receiveMessages((value as MessagesResponse).messages)
    },
    refused(item, error) {
      warn(`the backend refused ${item.kind} ${item.id}: ${error.message}`)
      hub.emit('error', { code: error.code, message: error.message, kind: item.kind })
      // A link the backend will never take must not cost the visitor the chat: start without it.
      if (item.kind === 'session' && item.body.intent) startSession(null, true)
    },
    halts(error) {
      if (error.code !== 'origin_not_allowed') return false
      blocked(error.code, error.message)
      return true
    },
    reachable(online, error) {
      connectionChanged(online, error && !online ? error.message : null)
      if (error && !online) hub.emit('error', { code: error.code, message: error.message, retrying: true })
    },
  })
  // The chat's first opening on this page view is sent, and the stream followed.
  const stopOpening = $panel.listen((panel, old) => {
    if (!panel.open || old?.open) return
    stopOpening()
    enqueue({ kind: 'open', id: `open-${randomId(platform, 9)}` })
    stream.follow()
  })
  if (intent || !$outbox.get().some((item) => item.kind === 'session')) startSession(intent)
  askInfo()
  return {
    historyUpTo: () => historyUpTo,
    stop() {
      stopOpening()
      runner.stop()
    },
  }
}
