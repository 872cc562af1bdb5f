import type { ChatMessage, ChatOption } from '../../widget/transport/protocol.ts'
import type { Queries } from '../store/queries.ts'
import { emitEvent, emitValuesStored } from '../webhooks/events.ts'
import { reachGoal } from './goals.ts'
import { renderTemplate } from './template.ts'
import type { Action, BotDef, OptionDef, Step, Target } from './types.ts'
import { findField } from './values.ts'
import { writeValue } from './write-value.ts'

/** What a contact's conversation is waiting for, kept in contacts.state. */
interface ConversationState {
  waiting?: { kind: 'ask'; block: string; step: number }
}

/** A run stops after this many steps, so a loop of gotos cannot hang the server. */
const MAX_STEPS = 100

type Values = Awaited<ReturnType<Queries['values']>>

/** Runs a bot's flows for one contact, on the queries of a store transaction. */
export class Engine {
  /** The values last read, until the engine writes one: a run reads them once, not once per step. */
  private known: { contactId: string; values: Values } | null = null

  constructor(
    private readonly store: Queries,
    readonly bot: BotDef,
  ) {}

  /** Runs the conversation from a block; returns the bot messages it sent. */
  async start(contactId: string, block: string, requestId: string | null): Promise<ChatMessage[]> {
    await this.store.markStarted(contactId)
    return this.run(contactId, block, 0, requestId)
  }

  /** The visitor typed text: answers a pending question, or goes to the bot's fallback block. */
  async answer(contactId: string, text: string, requestId: string): Promise<ChatMessage[]> {
    const sent = [await this.store.addMessage(contactId, 'visitor', { kind: 'text', text }, undefined, requestId)]
    await emitEvent(this.store, this.bot, contactId, 'message.received', { message: sent[0] })
    const state = await this.state(contactId)
    const waiting = state.waiting
    if (!waiting) return this.bot.fallbackBlock ? sent.concat(await this.run(contactId, this.bot.fallbackBlock, 0, requestId)) : sent
    const step = this.bot.blocks[waiting.block]?.[waiting.step]
    if (step?.type !== 'ask') {
      await this.store.setState(contactId, {})
      return sent
    }
    const stored = await this.write(contactId, step.target, text)
    if (!stored.ok) {
      sent.push(await this.say(contactId, { kind: 'text', text: await this.render(contactId, step.retry) }, undefined, requestId))
      return sent
    }
    await this.store.setState(contactId, {})
    if (step.next) return sent.concat(await this.run(contactId, step.next, 0, requestId))
    return sent.concat(await this.run(contactId, waiting.block, waiting.step + 1, requestId))
  }

  /** The visitor chose an option of an earlier bot message. */
  async choose(
    contactId: string,
    seq: number,
    index: number,
    requestId: string,
  ): Promise<{ ok: true; messages: ChatMessage[] } | { ok: false; message: string }> {
    const actions = (await this.store.messageActions(contactId, seq)) as (Action | null)[] | undefined
    const option = actions?.[index]
    if (!actions || index < 0 || index >= actions.length) return { ok: false, message: `message ${seq} has no option ${index}` }
    const titles = (await this.store.messagesAfter(contactId, seq - 1, 1))[0]?.options ?? []
    const title = titles[index]?.title ?? ''
    const sent = [await this.store.addMessage(contactId, 'visitor', { kind: 'text', text: title }, undefined, requestId)]
    await emitEvent(this.store, this.bot, contactId, 'message.received', { message: sent[0], choice: { seq, index } })
    if (option && 'goto' in option) {
      await this.store.setState(contactId, {})
      return { ok: true, messages: sent.concat(await this.run(contactId, option.goto, 0, requestId)) }
    }
    return { ok: true, messages: sent }
  }

  private async state(contactId: string): Promise<ConversationState> {
    return JSON.parse((await this.store.contact(contactId))?.state ?? '{}') as ConversationState
  }

  private async run(contactId: string, block: string, from: number, requestId: string | null): Promise<ChatMessage[]> {
    const sent: ChatMessage[] = []
    let current = block
    let index = from
    for (let count = 0; count < MAX_STEPS; count++) {
      const steps = this.bot.blocks[current]
      const step = steps?.[index]
      if (!step) return sent
      if (index === 0) await this.enter(contactId, current)
      const next = await this.execute(contactId, step, current, index, requestId, sent)
      if (next === 'stop') return sent
      if (typeof next === 'string') {
        current = next
        index = 0
      } else {
        index++
      }
    }
    console.warn(`doorway-demo: bot ${this.bot.id} ran ${MAX_STEPS} steps without waiting; stopped (a goto loop?)`)
    return sent
  }

  /** The run enters a block: a goal block is recorded, once per contact (docs/results.md). */
  private async enter(contactId: string, block: string): Promise<void> {
    if (this.bot.goals.includes(block)) await reachGoal(this.store, this.bot, contactId, block)
  }

  /** Runs one step: 'stop' to wait, a block id to jump, or undefined to go on. */
  private async execute(
    contactId: string,
    step: Step,
    block: string,
    index: number,
    requestId: string | null,
    sent: ChatMessage[],
  ): Promise<string | 'stop' | undefined> {
    // Values are read once per step that shows text: what an earlier step wrote is in them.
    const lookup = step.type === 'goto' || step.type === 'condition' ? () => undefined : await this.lookup(contactId)
    const render = (text: string) => renderTemplate(text, lookup)
    const say = async (body: Omit<ChatMessage, 'seq' | 'at' | 'from'>, actions?: (Action | null)[]) => {
      sent.push(await this.say(contactId, body, actions, requestId))
    }
    switch (step.type) {
      case 'text':
        await say({ kind: 'text', text: render(step.text) })
        return undefined
      case 'summary':
        await say({ kind: 'text', text: `${render(step.text)}\n${await this.summary(contactId)}` })
        return undefined
      case 'quick_replies':
        await say({ kind: 'quick_replies', text: render(step.text), options: options(step.replies, render) }, actionsOf(step.replies))
        return 'stop'
      case 'buttons':
        await say({ kind: 'buttons', text: render(step.text), options: options(step.buttons, render) }, actionsOf(step.buttons))
        return undefined
      case 'image':
        await say({ kind: 'image', image: { url: step.url, alt: render(step.alt) } })
        return undefined
      case 'card':
        await say(
          {
            kind: 'card',
            card: { title: render(step.title), subtitle: step.subtitle && render(step.subtitle), image: step.image },
            options: options(step.buttons, render),
          },
          actionsOf(step.buttons),
        )
        return undefined
      case 'set':
        await this.write(contactId, step.target, render(step.value))
        return undefined
      case 'condition':
        return test(step, await this.read(contactId, step.target)) ? step.then : (step.else ?? undefined)
      case 'goto':
        return step.block
      case 'ask':
        await say({ kind: 'text', text: render(step.text) })
        await this.store.setState(contactId, { waiting: { kind: 'ask', block, step: index } })
        return 'stop'
    }
  }

  private say(
    contactId: string,
    body: Omit<ChatMessage, 'seq' | 'at' | 'from'>,
    actions: (Action | null)[] | undefined,
    requestId: string | null,
  ): Promise<ChatMessage> {
    return this.store.addMessage(contactId, 'bot', body, actions, requestId)
  }

  /** Reads a field (id or name), system attribute or variable by name. */
  private async lookup(contactId: string): Promise<(name: string) => string | undefined> {
    const values = await this.values(contactId)
    return (name) => {
      const field = findField(this.bot, name)
      if (field && values.fields[field.id] !== undefined) return values.fields[field.id]
      if (Object.hasOwn(values.attributes, name)) return values.attributes[name]
      if (Object.hasOwn(values.variables, name)) return values.variables[name]
      return undefined
    }
  }

  private async render(contactId: string, text: string): Promise<string> {
    return renderTemplate(text, await this.lookup(contactId))
  }

  private async read(contactId: string, target: Target): Promise<string | undefined> {
    const values = await this.values(contactId)
    if ('field' in target) {
      const field = findField(this.bot, target.field)
      return field ? values.fields[field.id] : undefined
    }
    if ('user' in target) return values.attributes[target.user]
    return values.variables[target.variable]
  }

  // The transaction queues this visitor's others (Store.transaction), so while a run lasts the
  // values change through its own writes, which forget them. (Two visitors joined to one
  // contact by a signed link race each other whether or not the values are read again.)
  private async values(contactId: string): Promise<Values> {
    if (this.known?.contactId !== contactId) this.known = { contactId, values: await this.store.values(contactId) }
    return this.known.values
  }

  /** Writes a checked value to a target; the bot's own writes go through the same checks as visitors'. */
  async write(contactId: string, target: Target, value: string): Promise<{ ok: boolean }> {
    this.known = null
    const written = await writeValue(this.store, this.bot, contactId, target, value)
    if (written.ok) await emitValuesStored(this.store, this.bot, contactId, [written.stored], 'flow')
    return written
  }

  /** Everything the last entry link captured, one line each, for the "show back" block. */
  private async summary(contactId: string): Promise<string> {
    const contact = await this.store.contact(contactId)
    const last = contact?.last_intent ? (JSON.parse(contact.last_intent) as { lines: string[] }) : null
    if (!last || last.lines.length === 0) return 'No entry link was applied.'
    return last.lines.join('\n')
  }
}

function test(step: Extract<Step, { type: 'condition' }>, value: string | undefined): boolean {
  const expected = step.value ?? ''
  switch (step.op) {
    case 'is_set':
      return value !== undefined && value !== ''
    case 'is_not_set':
      return value === undefined || value === ''
    case 'equals':
      return value === expected
    case 'not_equals':
      return value !== expected
    case 'contains':
      return value?.toLowerCase().includes(expected.toLowerCase()) ?? false
    case 'greater_than':
      return value !== undefined && Number(value) > Number(expected)
    case 'less_than':
      return value !== undefined && Number(value) < Number(expected)
  }
}

function options(list: OptionDef[], render: (text: string) => string): ChatOption[] {
  return list.map((option, index) =>
    option.url ? { index, title: render(option.title), url: option.url } : { index, title: render(option.title) },
  )
}

function actionsOf(list: OptionDef[]): (Action | null)[] {
  return list.map((option) => (option.goto ? { goto: option.goto } : null))
}
