// How the reference backend checks values against a bot's definitions (docs/protocol.md).
import { MAX_VALUE_LENGTH, normaliseAttribute, type SystemAttribute, systemAttribute } from '../../widget/entry/index.ts'
import type { BotDef, FieldDef, FieldType, VariableDef } from './types.ts'

export type Checked = { ok: true; value: string } | { ok: false; code: string; message: string }

// Control characters other than tab and line feed, which a typed answer may hold.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/
const NUMBER = /^-?\d{1,15}(\.\d{1,15})?$/

function base(value: unknown, what: string): Checked {
  if (typeof value !== 'string') return { ok: false, code: 'wrong_type', message: `${what} must be a string` }
  const trimmed = value.trim()
  if (trimmed === '') return { ok: false, code: 'empty_value', message: `${what} is empty` }
  if (trimmed.length > MAX_VALUE_LENGTH)
    return { ok: false, code: 'value_too_long', message: `${what} is over ${MAX_VALUE_LENGTH} characters` }
  if (CONTROL.test(trimmed)) return { ok: false, code: 'control_character', message: `${what} holds a control character` }
  return { ok: true, value: trimmed }
}

/** Checks a value against a field type; returns the value to store. */
export function checkTyped(type: FieldType, value: unknown, what: string): Checked {
  const checked = base(value, what)
  if (!checked.ok) return checked
  const text = checked.value
  const as = (attribute: SystemAttribute): Checked => {
    const result = normaliseAttribute(attribute, text)
    return 'code' in result ? { ok: false, code: 'wrong_type', message: `${what}: ${result.reason}` } : { ok: true, value: result.value }
  }
  switch (type) {
    case 'number':
      return NUMBER.test(text) ? checked : { ok: false, code: 'wrong_type', message: `${what} must be a number, not "${text}"` }
    case 'email':
      return as('email')
    case 'phone':
      return as('phone')
    case 'date':
      return as('birthday').ok
        ? checked
        : { ok: false, code: 'wrong_type', message: `${what} must be a date written yyyy-mm-dd, not "${text}"` }
    default:
      return checked
  }
}

/** Checks a system attribute by any spelling of its name; returns the canonical name and value. */
export function checkAttribute(
  name: string,
  value: unknown,
): (Checked & { name?: SystemAttribute }) | { ok: false; code: string; message: string } {
  const attribute = systemAttribute(name)
  if (attribute === null) return { ok: false, code: 'unknown_attribute', message: `"${name}" is not a system attribute` }
  const checked = base(value, attribute)
  if (!checked.ok) return checked
  const result = normaliseAttribute(attribute, checked.value)
  return 'code' in result ? { ok: false, code: 'wrong_type', message: result.reason } : { ok: true, value: result.value, name: attribute }
}

/** A system attribute's canonical name (`first_name`, not `firstName`): widget/entry owns the list. */
export function isSystemAttributeName(name: string): name is SystemAttribute {
  return systemAttribute(name) === name
}

export function findField(bot: BotDef, key: string): FieldDef | undefined {
  return bot.fields.find((field) => field.id === key) ?? bot.fields.find((field) => field.name === key)
}

export function findVariable(bot: BotDef, name: string): VariableDef | undefined {
  return bot.variables.find((variable) => variable.name === name)
}
