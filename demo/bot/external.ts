import type { ChatMessage } from '../../widget/transport/protocol.ts'
import type { Queries } from '../store/queries.ts'
import { emitEvent } from '../webhooks/events.ts'
import { Engine } from './engine.ts'
import type { BotDef } from './types.ts'

/** What the visitor's routes ask of a bot: the flow engine's, or an external bot's, answers. */
export interface Conversation {
  /** The chat opened at `block`: the bot's first messages (an external bot sends them later). */
  start(contactId: string, block: string, requestId: string | null): Promise<ChatMessage[]>
  answer(contactId: string, text: string, requestId: string): Promise<ChatMessage[]>
  choose(
    contactId: string,
    seq: number,
    index: number,
    requestId: string,
  ): Promise<{ ok: true; messages: ChatMessage[] } | { ok: false; message: string }>
}

/** The conversation of a bot: its flows, or for an `external` bot, the record of what the visitor said. */
export function conversationOf(tx: Queries, bot: BotDef): Conversation {
  return bot.engine === 'external' ? new ExternalConversation(tx, bot) : new Engine(tx, bot)
}

/**
 * An external bot's side of the conversation here: the visitor's messages and choices are
 * stored and sent to the bot's webhook (`message.received`), and nothing answers them here;
 * the bot answers through the bot API (demo/http/bot-api-routes.ts).
 */
class ExternalConversation implements Conversation {
  constructor(
    private readonly store: Queries,
    private readonly bot: BotDef,
  ) {}

  async start(contactId: string): Promise<ChatMessage[]> {
    await this.store.markStarted(contactId)
    return []
  }

  async answer(contactId: string, text: string, requestId: string): Promise<ChatMessage[]> {
    const message = await this.store.addMessage(contactId, 'visitor', { kind: 'text', text }, undefined, requestId)
    await emitEvent(this.store, this.bot, contactId, 'message.received', { message })
    return [message]
  }

  async choose(contactId: string, seq: number, index: number, requestId: string) {
    const options = (await this.store.messagesAfter(contactId, seq - 1, 1)).find((m) => m.seq === seq && m.from === 'bot')?.options
    const option = options?.[index]
    if (!option || option.url) return { ok: false as const, message: `message ${seq} has no option ${index} to choose` }
    const message = await this.store.addMessage(contactId, 'visitor', { kind: 'text', text: option.title }, undefined, requestId)
    await emitEvent(this.store, this.bot, contactId, 'message.received', { message, choice: { seq, index, title: option.title } })
    return { ok: true as const, messages: [message] }
  }
}
