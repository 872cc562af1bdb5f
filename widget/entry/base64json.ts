import { decodeBase64Text, encodeBase64Url } from './base64url.ts'
import { type Draft, scalarText } from './draft.ts'
import { type Encoded, finish, IssueList, isSet } from './encodable.ts'
import type { LinkIntent } from './types.ts'

// docs/entry-links.md, dialect `base64json`: a Base64URL JSON object with the short keys
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
      const scalar = scalarText(value, key)
      if (typeof scalar !== 'string') draft.reject(key, ...scalar)
      else draft.setAttributeOrField(`${key}:${scalar}`, key === 'p' ? 'phone' : 'email', scalar)
    } else if (key === 'eId') {
      const scalar = scalarText(value, key)
      if (typeof scalar !== 'string') draft.reject(key, ...scalar)
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
  // Every Base64 JSON object starts with "e" (`{` is 0x7B), and text starting with "e" decodes
  // to x, y, z or `{` first: only an object parses. A cheap test before decoding, and the only one.
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
  const object = parsed as Record<string, unknown>
  return KNOWN_KEYS.some((key) => Object.hasOwn(object, key)) ? object : null
}

function readVariables(value: unknown, draft: Draft): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    draft.reject('v', 'unsupported-value', 'v must be an object of variable names and values')
    return
  }
  const variables = value as Record<string, unknown>
  for (const name of Object.keys(variables)) {
    const scalar = scalarText(variables[name], `variable ${name}`)
    if (typeof scalar !== 'string') {
      draft.reject(`v.${name}`, ...scalar)
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
  return finish(list, encodeBase64Url(JSON.stringify(object)))
}
