import { systemAttribute } from '../../widget/entry/index.ts'
import type { Queries } from '../store/queries.ts'
import type { StoredValue } from '../webhooks/events.ts'
import type { BotDef, Target } from './types.ts'
import { checkAttribute, checkTyped, findField, findVariable } from './values.ts'

export const UNSIGNED_USER_ID =
  "user_id is only accepted from a signed link; an unsigned one could hand this visitor another person's conversation"

export type WriteResult = { ok: true; label: string; value: string; stored: StoredValue } | { ok: false; code: string; message: string }

/**
 * Checks a value against the bot's definition of a field, system attribute or variable, and
 * stores it when it fits. The one place every write goes through: a link, an update, a flow.
 */
export async function writeValue(store: Queries, bot: BotDef, contactId: string, target: Target, value: unknown): Promise<WriteResult> {
  if ('field' in target) {
    const field = findField(bot, target.field)
    if (!field) return { ok: false, code: 'unknown_field', message: `no custom field has the id or name "${target.field}"` }
    const checked = checkTyped(field.type, value, field.name)
    if (!checked.ok) return checked
    await store.setField(contactId, field.id, checked.value)
    return {
      ok: true,
      label: field.name === field.id ? field.name : `${field.name} (${field.id})`,
      value: checked.value,
      stored: { kind: 'field', id: field.id, name: field.name, value: checked.value },
    }
  }
  if ('user' in target) {
    // Any spelling of user_id (userId, USER ID, user__id...) is the identity: only a signed
    // link sets it, through the identities table (demo/bot/apply-intent.ts), never a plain write.
    if (systemAttribute(target.user) === 'user_id') return { ok: false, code: 'unsigned_user_id', message: UNSIGNED_USER_ID }
    const checked = checkAttribute(target.user, value)
    if (!checked.ok) return checked
    const name = checked.name ?? target.user
    await store.setAttribute(contactId, name, checked.value)
    return { ok: true, label: name, value: checked.value, stored: { kind: 'user', name, value: checked.value } }
  }
  const variable = findVariable(bot, target.variable)
  if (!variable) return { ok: false, code: 'unknown_variable', message: `the bot has no variable "${target.variable}"` }
  const checked = checkTyped(variable.type, value, variable.name)
  if (!checked.ok) return checked
  await store.setVariable(contactId, variable.name, checked.value)
  return { ok: true, label: variable.name, value: checked.value, stored: { kind: 'variable', name: variable.name, value: checked.value } }
}
