import { type EntryIntent, parseEntryLink } from '../widget/entry/index.ts'
import type { UpdateResult } from '../widget/transport/protocol.ts'
import { type BotDef, EXTERNAL_IDENTIFIER, type Target } from './bot.ts'
import { findVariable } from './rules.ts'
import { verifySignature } from './signing.ts'
import type { ContactRow, Store } from './store.ts'
import { writeValue } from './write-value.ts'

export interface IntentOutcome {
  /** The contact the visitor is now: another one when a signed link's user_id selected it. */
  contactId: string
  link: string | null
  start: string | null
  results: UpdateResult[]
}

/**
 * Applies an EntryIntent to a visitor's contact by the rules of docs/protocol.md.
 * Runs inside a store transaction; every piece that is not stored gets a result saying why.
 */
export function applyIntent(store: Store, bot: BotDef, token: string, contact: ContactRow, sent: EntryIntent): IntentOutcome {
  const results: UpdateResult[] = []
  const lines: string[] = []
  const stored = (id: string, line: string) => {
    results.push({ id, status: 'stored' })
    lines.push(line)
  }
  const rejected = (id: string, code: string, message: string) => {
    results.push({ id, status: 'rejected', code, message })
    lines.push(`Not applied: ${id}: ${message}`)
  }

  // A signed link is read again from the values its signature covers; only then is user_id trusted.
  let intent = sent
  let trusted = false
  if (sent.signature) {
    const check = verifySignature(bot.secret, sent.signature.sig, sent.signature.params)
    if (check.ok) {
      intent = parseEntryLink(`?${new URLSearchParams(sent.signature.params)}`)
      trusted = true
      stored('signature', 'Signed link: signature valid')
    } else {
      rejected('signature', check.code, check.message)
    }
  }
  if (intent.bot !== null && intent.bot !== bot.id) {
    rejected('bot', 'wrong_bot', `the link was made for bot "${intent.bot}", not "${bot.id}"; nothing of it is applied`)
    store.setLastIntent(contact.id, { lines })
    return { contactId: contact.id, link: null, start: null, results }
  }

  let contactId = contact.id
  const userId = intent.user.user_id
  if (userId !== undefined) {
    if (!trusted) {
      rejected(
        'user.user_id',
        'unsigned_user_id',
        "user_id is only accepted from a signed link; an unsigned one could hand this visitor another person's conversation",
      )
    } else {
      const existing = store.contactByUserId(bot.id, userId)
      if (existing && existing.id !== contactId) {
        store.bindToken(bot.id, token, existing.id)
        contactId = existing.id
      } else {
        store.setAttribute(contactId, 'user_id', userId)
      }
      stored('user.user_id', `user_id: ${userId}`)
    }
  }

  // ref names an entry link; unknown names are recorded and start at the default block.
  const link = intent.ref === null ? undefined : bot.links.find((l) => l.name === intent.ref)
  let start: string | null = null
  if (intent.ref !== null) {
    if (link) {
      start = link.start
      stored('ref', `Entry link: ${link.name}`)
    } else {
      start = bot.defaultBlock
      rejected('ref', 'unknown_link', `no entry link is named "${intent.ref}"; the conversation starts at the default block`)
    }
  }
  if (intent.block !== null) {
    if (Object.hasOwn(bot.blocks, intent.block)) {
      start = intent.block
      stored('block', `Start block: ${intent.block}`)
    } else {
      rejected('block', 'unknown_block', `no block has the id "${intent.block}"`)
    }
  }

  const write = (id: string, target: Target, value: string, prefix = '') => {
    const written = writeValue(store, bot, contactId, target, value)
    if (written.ok) stored(id, `${prefix}${written.label}: ${written.value}`)
    else rejected(id, written.code, written.message)
  }
  if (intent.payload !== null) write('payload', { field: link?.payloadField ?? EXTERNAL_IDENTIFIER.id }, intent.payload, 'Payload → ')
  if (intent.externalId !== null) write('externalId', { field: EXTERNAL_IDENTIFIER.id }, intent.externalId, 'External id → ')
  for (const [name, value] of Object.entries(intent.user)) if (name !== 'user_id') write(`user.${name}`, { user: name }, value)
  for (const [i, field] of intent.fields.entries()) write(`fields.${i}.${field.key}`, { field: field.key }, field.value, 'Field ')
  for (const [name, value] of Object.entries(intent.variables)) write(`variables.${name}`, { variable: name }, value, 'Variable ')
  if (intent.json !== null) {
    if (findVariable(bot, 'json')) {
      store.setVariable(contactId, 'json', JSON.stringify(intent.json))
      stored('json', `JSON payload: ${JSON.stringify(intent.json)}`)
    } else {
      rejected('json', 'unknown_variable', 'the bot declares no variable "json" to keep a JSON payload in')
    }
  }
  for (const rejection of intent.rejected) lines.push(`Rejected by the widget: ${rejection.part || '(empty)'}: ${rejection.reason}`)

  if (intent.ref !== null) {
    const fieldsSet = results.filter(
      (r) => r.status === 'stored' && /^(payload|externalId|user\.|fields\.|variables\.|json)/.test(r.id),
    ).length
    store.recordLinkOpen(bot.id, intent.ref, link !== undefined, contactId, fieldsSet)
  }
  if (start !== null) store.setPendingStart(contactId, start)
  store.setLastIntent(contactId, { lines })
  return { contactId, link: link?.name ?? null, start, results }
}
