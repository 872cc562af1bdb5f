import { decodeBase64Text, encodeBase64Url } from './base64url.ts'
import type { Draft } from './draft.ts'
import { type Encoded, finish, IssueList, isSet } from './encodable.ts'
import type { LinkIntent } from './types.ts'

// SPEC.md, dialect `base64json` (seed 002): a Base64URL JSON object with the short keys
// p (phone), e (email), eId (external id) and v (variables).
const KNOWN_KEYS = ['p', 'e', 'eId', 'v']

/** Reads a value as base64json. Returns false, touching nothing, when it is not one. */
export function decodeBase64Json(raw: string, draft: Draft): boolean {
  const object = readObject(raw)
  if (object === null) return false
  const { intent } = draft
  intent.dialect = 'base64json'
  for (const key of Object.keys(object)) {
    const value = object[key]
    if (key === 'p' || key === 'e') {
      const scalar = scalarText(value)
      if (scalar === null) draft.reject(key, 'unsupported-value', `${key} must be a string or a number`)
      else draft.setAttributeOrField(`${key}:${scalar}`, key === 'p' ? 'phone' : 'email', scalar)
    } else if (key === 'eId') {
      const scalar = scalarText(value)
      if (scalar === null) draft.reject(key, 'unsupported-value', 'eId must be a string or a number')
      else if (scalar === '') draft.reject(key, 'empty-value', 'eId has no value')
      else intent.externalId = draft.checkValue(`eId:${scalar}`, scalar, 'eId')
    } else if (key === 'v') {
      readVariables(value, draft)
    } else {
      draft.reject(key, 'unknown-key', `unknown key "${key}"; known keys are p, e, eId and v`)
    }
  }
  return true
}

function readObject(raw: string): Record<string, unknown> | null {
  // Every Base64 JSON object starts with "e" (`{` is 0x7B): a cheap test before decoding.
  if (raw.charCodeAt(0) !== 101) return null
  // A `+` read from an address becomes a space (URLSearchParams); put it back.
  const text = decodeBase64Text(raw.replaceAll(' ', '+'))
  if (text === null) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null
  const object = parsed as Record<string, unknown>
  return KNOWN_KEYS.some((key) => Object.hasOwn(object, key)) ? object : null
}

function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value === 'boolean') return String(value)
  return null
}

function readVariables(value: unknown, draft: Draft): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    draft.reject('v', 'unsupported-value', 'v must be an object of variable names and values')
    return
  }
  const variables = value as Record<string, unknown>
  for (const name of Object.keys(variables)) {
    const scalar = scalarText(variables[name])
    if (scalar === null) {
      draft.reject(`v.${name}`, 'unsupported-value', `variable ${name} must be a string, number or boolean`)
    } else {
      draft.setVariable(`v.${name}:${scalar}`, name, scalar)
    }
  }
}

/** Writes the base64json value of an intent: phone, email, external id and variables. */
export function encodeBase64Json(intent: LinkIntent): Encoded {
  const list = new IssueList('base64json')
  list.unsupported(intent, ['ref', 'payload', 'block', 'fields', 'json'])
  const object: { p?: string; e?: string; eId?: string; v?: Record<string, string> } = {}
  for (const [name, value] of Object.entries(intent.user ?? {})) {
    if (name !== 'phone' && name !== 'email')
      list.add('cannot-carry', `the base64json dialect carries only phone and email of user, not ${name}`, name)
    else if (list.attribute(name, value)) object[name === 'phone' ? 'p' : 'e'] = value
  }
  if (isSet(intent.externalId) && list.value(intent.externalId, 'externalId')) object.eId = intent.externalId
  if (isSet(intent.variables)) {
    const variables: Record<string, string> = {}
    for (const [name, value] of Object.entries(intent.variables ?? {})) {
      if (list.name(name, 'variable name') && list.value(value, `value of ${name}`)) variables[name] = value
    }
    object.v = variables
  }
  if (Object.keys(object).length === 0 && list.issues.length === 0)
    list.add('empty', 'nothing to write: base64json carries phone, email, externalId or variables')
  return finish(list, encodeBase64Url(JSON.stringify(object)))
}
