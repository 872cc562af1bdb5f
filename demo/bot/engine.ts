import type { ChatMessage, ChatOption } from '../../widget/transport/protocol.ts'
import type { Store } from '../store/store.ts'
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

/** Runs a bot's flows for one contact. Call inside a store transaction. */
export class Engine {
  constructor(
    private readonly store: Store,
    readonly bot: BotDef,
  ) {}

  /** Runs the conversation from a block; returns the bot messages it sent. */
  start(contactId: string, block: string, requestId: string | null): ChatMessage[] {
    this.store.markStarted(contactId)
    return this.run(contactId, block, 0, requestId)
  }

  /** The visitor typed text: answers a pending question, or goes to the bot's fallback block. */
  answer(contactId: string, text: string, requestId: string): ChatMessage[] {
    const sent = [this.store.addMessage(contactId, 'visitor', { kind: 'text', text }, undefined, requestId)]
    const state = this.state(contactId)
    const waiting = state.waiting
    if (!waiting) return this.bot.fallbackBlock ? sent.concat(this.run(contactId, this.bot.fallbackBlock, 0, requestId)) : sent
    const step = this.bot.blocks[waiting.block]?.[waiting.step]
    if (step?.type !== 'ask') {
      this.store.setState(contactId, {})
      return sent
    }
    const stored = this.write(contactId, step.target, text)
    if (!stored.ok) {
      sent.push(this.say(contactId, { kind: 'text', text: this.render(contactId, step.retry) }, undefined, requestId))
      return sent
    }
    this.store.setState(contactId, {})
    if (step.next) return sent.concat(this.run(contactId, step.next, 0, requestId))
    return sent.concat(this.run(contactId, waiting.block, waiting.step + 1, requestId))
  }

  /** The visitor chose an option of an earlier bot message. */
  choose(
    contactId: string,
    seq: number,
    index: number,
    requestId: string,
  ): { ok: true; messages: ChatMessage[] } | { ok: false; message: string } {
    const actions = this.store.messageActions(contactId, seq) as (Action | null)[] | undefined
    const option = actions?.[index]
    if (!actions || index < 0 || index >= actions.length) return { ok: false, message: `message ${seq} has no option ${index}` }
    const titles = this.store.messagesAfter(contactId, seq - 1, 1)[0]?.options ?? []
    const title = titles[index]?.title ?? ''
    const sent = [this.store.addMessage(contactId, 'visitor', { kind: 'text', text: title }, undefined, requestId)]
    if (option && 'goto' in option) {
      this.store.setState(contactId, {})
      return { ok: true, messages: sent.concat(this.run(contactId, option.goto, 0, requestId)) }
    }
    return { ok: true, messages: sent }
  }

  private state(contactId: string): ConversationState {
    return JSON.parse(this.store.contact(contactId)?.state ?? '{}') as ConversationState
  }

  private run(contactId: string, block: string, from: number, requestId: string | null): ChatMessage[] {
    const sent: ChatMessage[] = []
    let current = block
    let index = from
    for (let count = 0; count < MAX_STEPS; count++) {
      const steps = this.bot.blocks[current]
      const step = steps?.[index]
      if (!step) return sent
      const next = this.execute(contactId, step, current, index, requestId, sent)
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

  /** Runs one step: 'stop' to wait, a block id to jump, or undefined to go on. */
  private execute(
    contactId: string,
    step: Step,
    block: string,
    index: number,
    requestId: string | null,
    sent: ChatMessage[],
  ): string | 'stop' | undefined {
    const render = (text: string) => this.render(contactId, text)
    const say = (body: Omit<ChatMessage, 'seq' | 'at' | 'from'>, actions?: (Action | null)[]) => {
      sent.push(this.say(contactId, body, actions, requestId))
    }
    switch (step.type) {
      case 'text':
        say({ kind: 'text', text: render(step.text) })
        return undefined
      case 'summary':
        say({ kind: 'text', text: `${render(step.text)}\n${this.summary(contactId)}` })
        return undefined
      case 'quick_replies':
        say({ kind: 'quick_replies', text: render(step.text), options: options(step.replies, render) }, actionsOf(step.replies))
        return 'stop'
      case 'buttons':
        say({ kind: 'buttons', text: render(step.text), options: options(step.buttons, render) }, actionsOf(step.buttons))
        return undefined
      case 'image':
        say({ kind: 'image', image: { url: step.url, alt: render(step.alt) } })
        return undefined
      case 'card':
        say(
          {
            kind: 'card',
            card: { title: render(step.title), subtitle: step.subtitle && render(step.subtitle), image: step.image },
            options: options(step.buttons, render),
          },
          actionsOf(step.buttons),
        )
        return undefined
      case 'set':
        this.write(contactId, step.target, render(step.value))
        return undefined
      case 'condition':
        return this.test(contactId, step) ? step.then : (step.else ?? undefined)
      case 'goto':
        return step.block
      case 'ask':
        say({ kind: 'text', text: render(step.text) })
        this.store.setState(contactId, { waiting: { kind: 'ask', block, step: index } })
        return 'stop'
    }
  }

  private say(
    contactId: string,
    body: Omit<ChatMessage, 'seq' | 'at' | 'from'>,
    actions: (Action | null)[] | undefined,
    requestId: string | null,
  ): ChatMessage {
    return this.store.addMessage(contactId, 'bot', body, actions, requestId)
  }

  /** Reads a field (id or name), system attribute or variable by name. */
  private lookup(contactId: string): (name: string) => string | undefined {
    const values = this.store.values(contactId)
    return (name) => {
      const field = findField(this.bot, name)
      if (field && values.fields[field.id] !== undefined) return values.fields[field.id]
      if (Object.hasOwn(values.attributes, name)) return values.attributes[name]
      if (Object.hasOwn(values.variables, name)) return values.variables[name]
      return undefined
    }
  }

  private render(contactId: string, text: string): string {
    return renderTemplate(text, this.lookup(contactId))
  }

  private read(contactId: string, target: Target): string | undefined {
    const values = this.store.values(contactId)
    if ('field' in target) {
      const field = findField(this.bot, target.field)
      return field ? values.fields[field.id] : undefined
    }
    if ('user' in target) return values.attributes[target.user]
    return values.variables[target.variable]
  }

  /** Writes a checked value to a target; the bot's own writes go through the same checks as visitors'. */
  write(contactId: string, target: Target, value: string): { ok: boolean } {
    return writeValue(this.store, this.bot, contactId, target, value)
  }

  private test(contactId: string, step: Extract<Step, { type: 'condition' }>): boolean {
    const value = this.read(contactId, step.target)
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

  /** Everything the last entry link captured, one line each, for the "show back" block. */
  private summary(contactId: string): string {
    const contact = this.store.contact(contactId)
    const last = contact?.last_intent ? (JSON.parse(contact.last_intent) as { lines: string[] }) : null
    if (!last || last.lines.length === 0) return 'No entry link was applied.'
    return last.lines.join('\n')
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
