import { normaliseAttribute, systemAttribute } from './attributes.ts'
import { MAX_ENTRIES, MAX_VALUE_LENGTH, RESERVED_NAMES } from './limits.ts'
import type { EntryIntent, Rejection, RejectionCode } from './types.ts'

/** An intent being filled by a dialect decoder, with the checks every dialect shares. */
export interface Draft {
  intent: EntryIntent
  /** The address parameter being decoded, stamped on each rejection. */
  param: string | undefined
  reject(part: string, code: RejectionCode, reason: string): void
  /** Sets a system attribute when `key` names one, else adds a custom field. */
  setAttributeOrField(part: string, key: string, value: string): void
  setField(part: string, key: string, value: string): void
  setVariable(part: string, name: string, value: string): void
  /** A checked single value (ref, payload, block, external id), or null when rejected. */
  checkValue(part: string, value: string, what: string): string | null
}

export function emptyIntent(): EntryIntent {
  return {
    dialect: null,
    bot: null,
    ref: null,
    block: null,
    payload: null,
    fields: [],
    user: {},
    variables: {},
    externalId: null,
    json: null,
    rejected: [],
    params: [],
  }
}

// U+0000-U+001F and U+007F (SPEC.md, "Control characters").
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u001f\u007f]/

/** Why a value cannot be kept, or null when it can. */
export function valueProblem(value: string, what: string): [RejectionCode, string] | null {
  if (value.length > MAX_VALUE_LENGTH) {
    return ['value-too-long', `${what} is ${value.length} characters, over the limit of ${MAX_VALUE_LENGTH}`]
  }
  const control = CONTROL.exec(value)
  if (control) {
    const hex = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')
    return ['control-character', `${what} holds the control character U+${hex}`]
  }
  return null
}

/** Why a name (field key, variable name) cannot be used, or null when it can. */
export function nameProblem(name: string, what: string): [RejectionCode, string] | null {
  if (name === '') return ['empty-key', `${what} is empty`]
  if (RESERVED_NAMES.has(name)) return ['reserved-name', `${what} "${name}" is reserved and never used as a name`]
  return valueProblem(name, what)
}

export function createDraft(intent: EntryIntent, param?: string): Draft {
  const draft: Draft = {
    intent,
    param,
    reject(part, code, reason) {
      const rejection: Rejection = { part, reason, code }
      if (draft.param !== undefined) rejection.param = draft.param
      intent.rejected.push(rejection)
    },
    checkValue(part, value, what) {
      const problem = valueProblem(value, what)
      if (problem) {
        draft.reject(part, problem[0], problem[1])
        return null
      }
      return value
    },
    setAttributeOrField(part, key, value) {
      const attribute = systemAttribute(key)
      if (attribute === null) {
        draft.setField(part, key, value)
        return
      }
      if (value === '') return draft.reject(part, 'empty-value', `${attribute} has no value`)
      if (draft.checkValue(part, value, attribute) === null) return
      const checked = normaliseAttribute(attribute, value)
      if ('code' in checked) return draft.reject(part, checked.code, checked.reason)
      const earlier = intent.user[attribute]
      if (earlier !== undefined) {
        draft.reject(`${attribute}=${earlier}`, 'overridden', `${attribute} is set again later in the link; the later value is used`)
      }
      intent.user[attribute] = checked.value
    },
    setField(part, key, value) {
      const problem = nameProblem(key, 'custom field name') ?? (value === '' ? emptyValue(key) : valueProblem(value, `value of ${key}`))
      if (problem) return draft.reject(part, problem[0], problem[1])
      if (intent.fields.length >= MAX_ENTRIES) {
        return draft.reject(part, 'too-many', `a link sets at most ${MAX_ENTRIES} custom fields`)
      }
      intent.fields.push({ key, value })
    },
    setVariable(part, name, value) {
      const problem = nameProblem(name, 'variable name') ?? (value === '' ? emptyValue(name) : valueProblem(value, `value of ${name}`))
      if (problem) return draft.reject(part, problem[0], problem[1])
      const exists = Object.hasOwn(intent.variables, name)
      if (!exists && Object.keys(intent.variables).length >= MAX_ENTRIES) {
        return draft.reject(part, 'too-many', `a link sets at most ${MAX_ENTRIES} variables`)
      }
      if (exists) {
        draft.reject(
          `${name}=${intent.variables[name]}`,
          'overridden',
          `variable ${name} is set again later in the link; the later value is used`,
        )
      }
      intent.variables[name] = value
    },
  }
  return draft
}

function emptyValue(key: string): [RejectionCode, string] {
  return ['empty-value', `${key} has no value`]
}
