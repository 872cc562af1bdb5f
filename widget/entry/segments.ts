import type { Draft } from './draft.ts'
import { type Encoded, finish, IssueList, isSet } from './encodable.ts'
import { isPlaceholder } from './placeholders.ts'
import type { LinkIntent } from './types.ts'

// docs/entry-links.md, dialect `segments` (BotStar external links):
// `block:ID;user:ATTR:VALUE;variables:NAME:VALUE`, in any order.
const PREFIX = /^\s*(block|user|variables):/i

/** Whether a `ref` value is written as segments: its first segment starts with a known prefix. */
export function looksLikeSegments(raw: string): boolean {
  return PREFIX.test(raw)
}

/** Reads a `bs_ref` value, or a `ref` that looks like segments. Never refuses the value whole. */
export function decodeSegments(raw: string, draft: Draft): boolean {
  const { intent } = draft
  intent.dialect = 'segments'
  for (const piece of raw.split(';')) {
    const segment = piece.trim()
    if (segment === '') continue
    const colon = segment.indexOf(':')
    const prefix = (colon < 0 ? segment : segment.slice(0, colon)).trim().toLowerCase()
    const rest = colon < 0 ? null : segment.slice(colon + 1)
    if (prefix === 'block') {
      const id = rest?.trim() ?? ''
      if (id === '') {
        draft.reject(segment, 'empty-value', 'block segment has no block id')
      } else if (draft.checkValue(segment, id, 'block id') !== null) {
        if (intent.block !== null) {
          draft.reject(`block:${intent.block}`, 'overridden', 'a later block segment names another block; the last one is used')
        }
        intent.block = id
      }
    } else if (prefix === 'user' || prefix === 'variables') {
      const second = rest?.indexOf(':') ?? -1
      if (second < 0) {
        draft.reject(segment, 'empty-value', `${prefix} segment needs a name and a value: ${prefix}:NAME:VALUE`)
        continue
      }
      // The value is everything after the second colon: `variables:time:10:30` is 10:30.
      const name = (rest as string).slice(0, second).trim()
      const value = (rest as string).slice(second + 1).trim()
      // As in dashed links: a mail tool leaves its merge tag when a merge fails.
      if (isPlaceholder(value)) draft.reject(segment, 'placeholder', `value of ${name} is an unfilled template placeholder ${value}`)
      else if (prefix === 'user') draft.setAttributeOrField(segment, name, value)
      else draft.setVariable(segment, name, value)
    } else {
      draft.reject(segment, 'unknown-segment', `unknown segment "${prefix}"; expected block:, user: or variables:`)
    }
  }
  return true
}

/** Writes the segments value of an intent: block, user attributes, custom fields, variables. */
export function encodeSegments(intent: LinkIntent): Encoded {
  const list = new IssueList('segments')
  list.unsupported(intent, ['ref', 'payload', 'externalId', 'json'])
  const segments: string[] = []
  const bare = (text: string, what: string): boolean => {
    if (!text.includes(';')) return true
    list.add('separator-in-value', `${what} must not hold ";", which separates segments`, text)
    return false
  }
  if (isSet(intent.block) && list.value(intent.block, 'block') && bare(intent.block, 'block')) segments.push(`block:${intent.block}`)
  for (const [name, value] of Object.entries(intent.user ?? {})) {
    if (list.attribute(name, value) && bare(value, name)) segments.push(`user:${name}:${value}`)
  }
  const named = (prefix: string, name: unknown, value: unknown, what: string): void => {
    const nameOk = prefix === 'user' ? list.fieldKey(name) : list.name(name, what)
    if (!nameOk || !list.value(value, `value of ${name}`)) return
    // fieldKey and name accept only strings.
    const text = String(name)
    if (!bare(text, what) || !bare(value, `value of ${text}`)) return
    if (text.includes(':')) list.add('colon-in-name', `${what} "${text}" must not hold ":"`, text)
    else segments.push(`${prefix}:${text}:${value}`)
  }
  for (const field of intent.fields ?? []) named('user', field?.key, field?.value, 'custom field key')
  for (const [name, value] of Object.entries(intent.variables ?? {})) named('variables', name, value, 'variable name')
  return finish(list, segments.join(';'))
}
