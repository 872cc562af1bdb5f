import { $messages } from '../state/messages.ts'
import { $panel } from '../state/panel.ts'
import type { EventHub } from './api.ts'

/**
 * The API's events that follow the stores: `open` and `close`, and `message` for each message
 * new to this page view (not the history a reload shows again). Returns the cleanup.
 */
export function emitStoreEvents(hub: EventHub, historyUpTo: () => number): () => void {
  const stops = [
    $panel.listen((panel, old) => {
      if (panel.open !== old?.open) hub.emit(panel.open ? 'open' : 'close', {})
    }),
    $messages.listen((messages, old) => {
      const known = new Set((old ?? []).map((message) => message.seq))
      for (const message of messages) if (!known.has(message.seq) && message.seq > historyUpTo()) hub.emit('message', message)
    }),
  ]
  return () => {
    for (const stop of stops) stop()
  }
}
