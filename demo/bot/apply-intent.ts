import { type EntryIntent, parseEntryLink, systemAttribute } from '../../widget/entry/index.ts'
import type { UpdateResult } from '../../widget/transport/protocol.ts'
import type { ContactRow, Queries } from '../store/queries.ts'
import { emitEvent, emitValuesStored, type StoredValue } from '../webhooks/events.ts'
import { countedLinkName } from './link-name.ts'
import { verifySignature } from './signing.ts'
import { type BotDef, EXTERNAL_IDENTIFIER, type Target } from './types.ts'
import { checkTyped, findVariable } from './values.ts'
import { UNSIGNED_USER_ID, writeValue } from './write-value.ts'

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
export async function applyIntent(
  store: Queries,
  bot: BotDef,
  token: string,
  contact: ContactRow,
  sent: EntryIntent,
): Promise<IntentOutcome> {
  const results: UpdateResult[] = []
  const lines: string[] = []
  /** What was stored, for the webhook's `value.stored` events, sent after `link.applied`. */
  const values: StoredValue[] = []
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
    await store.setLastIntent(contact.id, { lines })
    return { contactId: contact.id, link: null, start: null, results }
  }

  // The identity (docs/security.md): user_id under any spelling is taken from a signed link
  // only, and joins this visitor only to a contact that a signed link named so.
  let contactId = contact.id
  const userIdKeys = Object.keys(intent.user).filter((name) => systemAttribute(name) === 'user_id')
  const userId = userIdKeys.length > 0 ? (intent.user as Record<string, string>)[userIdKeys[0]] : undefined
  if (userId !== undefined && !trusted) {
    rejected('user.user_id', 'unsigned_user_id', UNSIGNED_USER_ID)
  } else if (userId !== undefined) {
    const checked = checkTyped('text', userId, 'user_id')
    if (!checked.ok) rejected('user.user_id', checked.code, checked.message)
    else {
      contactId = await identify(store, bot.id, token, contact, checked.value)
      stored('user.user_id', `user_id: ${checked.value}`)
      values.push({ kind: 'user', name: 'user_id', value: checked.value })
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

  const write = async (id: string, target: Target, value: string, prefix = '') => {
    const written = await writeValue(store, bot, contactId, target, value)
    if (written.ok) {
      stored(id, `${prefix}${written.label}: ${written.value}`)
      values.push(written.stored)
    } else rejected(id, written.code, written.message)
  }
  if (intent.payload !== null) await write('payload', { field: link?.payloadField ?? EXTERNAL_IDENTIFIER.id }, intent.payload, 'Payload → ')
  if (intent.externalId !== null) await write('externalId', { field: EXTERNAL_IDENTIFIER.id }, intent.externalId, 'External id → ')
  for (const [name, value] of Object.entries(intent.user))
    if (!userIdKeys.includes(name)) await write(`user.${name}`, { user: name }, value)
  for (const [i, field] of intent.fields.entries()) await write(`fields.${i}.${field.key}`, { field: field.key }, field.value, 'Field ')
  for (const [name, value] of Object.entries(intent.variables)) await write(`variables.${name}`, { variable: name }, value, 'Variable ')
  if (intent.json !== null) {
    if (findVariable(bot, 'json')) {
      await store.setVariable(contactId, 'json', JSON.stringify(intent.json))
      stored('json', `JSON payload: ${JSON.stringify(intent.json)}`)
      values.push({ kind: 'variable', name: 'json', value: JSON.stringify(intent.json) })
    } else {
      rejected('json', 'unknown_variable', 'the bot declares no variable "json" to keep a JSON payload in')
    }
  }
  for (const rejection of intent.rejected) lines.push(`Rejected by the widget: ${rejection.part || '(empty)'}: ${rejection.reason}`)

  if (intent.ref !== null) {
    const fieldsSet = results.filter(
      (r) => r.status === 'stored' && /^(payload|externalId|user\.|fields\.|variables\.|json)/.test(r.id),
    ).length
    await store.recordLinkOpen(bot.id, countedLinkName(intent.ref, link !== undefined), link !== undefined, contactId, fieldsSet)
  }
  if (start !== null)
    await store.setPendingStart(contactId, start, intent.ref === null ? null : countedLinkName(intent.ref, link !== undefined))
  await store.setLastIntent(contactId, { lines })
  const outcome = { contactId, link: link?.name ?? null, start, results }
  // In the order a receiver wants them: what the link was, then each value it stored.
  await emitEvent(store, bot, contactId, 'link.applied', { intent, signed: trusted, link: outcome.link, start, results })
  await emitValuesStored(store, bot, contactId, values, 'link')
  return outcome
}

/**
 * The contact a signed `userId` stands for, with the visitor's token bound to it: the contact a
 * signed link named so before; else this visitor's own, unless a signed link already gave that
 * one another user_id, in which case a new contact (one person's conversation never holds two).
 */
async function identify(store: Queries, bot: string, token: string, contact: ContactRow, userId: string): Promise<string> {
  const known = await store.contactByUserId(bot, userId)
  if (known) {
    if (known.id !== contact.id) await store.bindToken(bot, token, known.id)
    return known.id
  }
  const own = (await store.userIdOf(contact.id)) === null ? contact : await store.createContact(bot, token)
  await store.bindUserId(bot, userId, own.id)
  return own.id
}
