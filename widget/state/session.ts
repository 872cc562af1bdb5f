import { map } from 'nanostores'
import type { EntryIntent } from '../entry/index.ts'
import type { BotInfo } from '../transport/protocol.ts'

export interface SessionState {
  /** `starting` until the backend first answered; `ready` after. */
  status: 'starting' | 'ready'
  /** False while the backend cannot be reached; the outbox keeps everything meanwhile. */
  online: boolean
  contactId: string | null
  bot: BotInfo | null
  /** The decoded entry link of this page view, or null when the address had none for us. */
  intent: EntryIntent | null
  /** The last problem worth showing, in words. */
  problem: string | null
  /** The greeting of the entry link the visitor came through (SessionResponse.teaser), unchecked. */
  teaser?: string
}

const INITIAL: SessionState = { status: 'starting', online: true, contactId: null, bot: null, intent: null, problem: null }

export const $session = map<SessionState>({ ...INITIAL })

export function resetSession(intent: EntryIntent | null): void {
  $session.set({ ...INITIAL, intent })
}

export function sessionReady(contactId: string, teaser?: string): void {
  $session.set({ ...$session.get(), status: 'ready', contactId, online: true, problem: null, teaser })
}

export function botKnown(bot: BotInfo): void {
  $session.setKey('bot', bot)
}

export function connectionChanged(online: boolean, problem: string | null = null): void {
  const current = $session.get()
  if (current.online !== online || current.problem !== problem) $session.set({ ...current, online, problem })
}
