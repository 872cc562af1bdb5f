import { normaliseAttribute, systemAttribute } from './attributes.ts'
import { MAX_ENTRIES, MAX_JSON_NUMBER, MAX_VALUE_LENGTH, RESERVED_NAMES } from './limits.ts'
import type { EntryIntent, Rejection, RejectionCode } from './types.ts'
import { escapeLoneSurrogates, loneSurrogate } from './unicode.ts'

/** Why a piece is rejected: its code and the sentence that says why. */
export type Problem = [code: RejectionCode, reason: string]

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
    signature: null,
  }
}

// U+0000-U+001F and U+007F (docs/entry-links.md, "What is rejected, and why").
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u001f\u007f]/

/** Why a value cannot be kept, or null when it can. */
export function valueProblem(value: string, what: string): Problem | null {
  if (value.length > MAX_VALUE_LENGTH) {
    return ['value-too-long', `${what} is ${value.length} characters, over the limit of ${MAX_VALUE_LENGTH}`]
  }
  const control = CONTROL.exec(value)
  if (control) {
    const hex = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')
    return ['control-character', `${what} holds the control character U+${hex}`]
  }
  const half = loneSurrogate(value)
  if (half) return ['malformed-unicode', `${what} holds the lone surrogate ${half}, half of a character`]
  return null
}

/** Why a JSON number cannot be kept, or null when it can. */
export function numberProblem(value: number, what: string): Problem | null {
  if (Math.abs(value) <= MAX_JSON_NUMBER) return null
  return [
    'unsafe-number',
    `${what} is a number beyond ±${MAX_JSON_NUMBER}, which JSON cannot carry exactly (it reads as ${value}); write it as a string`,
  ]
}

/**
 * The text a JSON scalar is kept as (numbers and booleans become strings), or why it
 * cannot be one: `unsupported-value` for objects, arrays and null, `unsafe-number` for a rounded number.
 */
export function scalarText(value: unknown, what: string): string | Problem {
  if (typeof value === 'string' || typeof value === 'boolean') return String(value)
  if (typeof value === 'number') return numberProblem(value, what) ?? String(value)
  return ['unsupported-value', `${what} must be a string, number or boolean`]
}

/** Why a name (field key, variable name) cannot be used, or null when it can. */
export function nameProblem(name: string, what: string): Problem | null {
  if (name === '') return ['empty-key', `${what} is empty`]
  if (RESERVED_NAMES.has(name)) return ['reserved-name', `${what} "${name}" is reserved and never used as a name`]
  return valueProblem(name, what)
}

export function createDraft(intent: EntryIntent, param?: string): Draft {
  return new IntentDraft(intent, param)
}

class IntentDraft implements Draft {
  constructor(
    readonly intent: EntryIntent,
    public param: string | undefined,
  ) {}

  reject(part: string, code: RejectionCode, reason: string): void {
    // A rejection is sent to the backend with the intent: it must hold only whole characters.
    const rejection: Rejection = { part: escapeLoneSurrogates(part), reason: escapeLoneSurrogates(reason), code }
    if (this.param !== undefined) rejection.param = this.param
    this.intent.rejected.push(rejection)
  }

  checkValue(part: string, value: string, what: string): string | null {
    const problem = valueProblem(value, what)
    if (!problem) return value
    this.reject(part, problem[0], problem[1])
    return null
  }

  setAttributeOrField(part: string, key: string, value: string): void {
    const attribute = systemAttribute(key)
    if (attribute === null) return this.setField(part, key, value)
    if (value === '') return this.reject(part, 'empty-value', `${attribute} has no value`)
    if (this.checkValue(part, value, attribute) === null) return
    const checked = normaliseAttribute(attribute, value)
    if ('code' in checked) return this.reject(part, checked.code, checked.reason)
    const { user } = this.intent
    const earlier = user[attribute]
    if (earlier !== undefined) {
      this.reject(`${attribute}=${earlier}`, 'overridden', `${attribute} is set again later in the link; the later value is used`)
    }
    user[attribute] = checked.value
  }

  setField(part: string, key: string, value: string): void {
    const problem = nameProblem(key, 'custom field name') ?? (value === '' ? emptyValue(key) : valueProblem(value, `value of ${key}`))
    if (problem) return this.reject(part, problem[0], problem[1])
    const { fields } = this.intent
    if (fields.length >= MAX_ENTRIES) return this.reject(part, 'too-many', `a link sets at most ${MAX_ENTRIES} custom fields`)
    fields.push({ key, value })
  }

  setVariable(part: string, name: string, value: string): void {
    const problem = nameProblem(name, 'variable name') ?? (value === '' ? emptyValue(name) : valueProblem(value, `value of ${name}`))
    if (problem) return this.reject(part, problem[0], problem[1])
    const { variables } = this.intent
    const exists = Object.hasOwn(variables, name)
    if (!exists && Object.keys(variables).length >= MAX_ENTRIES) {
      return this.reject(part, 'too-many', `a link sets at most ${MAX_ENTRIES} variables`)
    }
    if (exists) {
      this.reject(`${name}=${variables[name]}`, 'overridden', `variable ${name} is set again later in the link; the later value is used`)
    }
    variables[name] = value
  }
}

function emptyValue(key: string): Problem {
  return ['empty-value', `${key} has no value`]
}
