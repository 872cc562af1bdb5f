import { decodeBase64Json } from './base64json.ts'
import { cleanJson, readJsonPayload } from './dashed-json.ts'
import { createDraft, type Draft, emptyIntent } from './draft.ts'
import { type Encoded, finish, IssueList, isSet } from './encodable.ts'
import { RESERVED_NAMES } from './limits.ts'
import { isPlaceholder } from './placeholders.ts'
import { looksLikeSegments } from './segments.ts'
import type { LinkIntent } from './types.ts'

// docs/entry-links.md, dialect `dashed` (ChatGPT Builder / ChitChatBot entry links):
// `NAME`, `NAME--PAYLOAD`, `NAME--PAYLOAD--ID--VALUE...`, `NAME--ID--VALUE...` or `NAME--{json}`.

const DOUBLE_HYPHEN = /--/
const DASHES = /[\u2013\u2014]/
// Telegram reserves `bizChat<id>` start payloads for business chats (docs/entry-links.md, "Building links per channel").
export const TELEGRAM_BUSINESS = /^bizChat\d+$/
const JSON_SUFFIX = 'jsondata'

/** The separator a dashed value uses: `--`, or a vendor-printed dash when it holds no `--`. */
function dashedSeparator(raw: string): RegExp {
  return raw.includes('--') ? DOUBLE_HYPHEN : DASHES
}

/** Reads a `ref` value as dashed, the fallback grammar: it accepts any value (parse.ts tries it last). */
export function decodeDashed(raw: string, draft: Draft): void {
  const { intent } = draft
  intent.dialect = 'dashed'
  const separator = dashedSeparator(raw)
  const first = separator.exec(raw)
  let name = (first ? raw.slice(0, first.index) : raw).trim()
  const rest = first ? raw.slice(first.index + first[0].length) : ''

  // ChitChatBot names JSON-carrying links `NAMEjsondata` (ChitChatBot's help page, "Expert Tip").
  if (name.length > JSON_SUFFIX.length && name.endsWith(JSON_SUFFIX)) name = name.slice(0, -JSON_SUFFIX.length)
  if (name !== '') {
    if (RESERVED_NAMES.has(name)) draft.reject(name, 'reserved-name', `entry link name "${name}" is reserved`)
    else intent.ref = draft.checkValue(name, name, 'entry link name')
  }

  const body = rest.trim()
  if (isPlaceholder(body)) {
    draft.reject(body, 'placeholder', `payload ${body} is an unfilled template placeholder`)
    return
  }
  if (body.startsWith('{') || body.startsWith('[')) {
    readJsonPayload(body, draft)
    return
  }
  const tokens = rest.split(separator).map((token) => token.trim())
  while (tokens.at(-1) === '') tokens.pop()

  // Parity decides: an odd count starts with the bare payload, an even count is pairs only.
  let at = 0
  if (tokens.length % 2 === 1) {
    const payload = tokens[at++]
    if (payload === '') draft.reject('', 'empty-value', 'the payload after the entry link name is empty')
    else if (isPlaceholder(payload)) draft.reject(payload, 'placeholder', `payload ${payload} is an unfilled template placeholder`)
    else intent.payload = draft.checkValue(payload, payload, 'payload')
  }
  for (; at < tokens.length; at += 2) {
    const key = tokens[at]
    const value = tokens[at + 1]
    const part = `${key}--${value}`
    if (isPlaceholder(value)) {
      draft.reject(part, 'placeholder', `value of ${key || 'a pair'} is an unfilled template placeholder ${value}`)
    } else if (key === '') {
      draft.reject(part, 'empty-key', `the pair with value "${value}" has no field id or name`)
    } else {
      draft.setAttributeOrField(part, key, value)
    }
  }
}

/** Writes the dashed value of an intent: ref, payload, user attributes, custom fields or a JSON object. */
export function encodeDashed(intent: LinkIntent): Encoded {
  const list = new IssueList('dashed')
  list.unsupported(intent, ['block', 'variables', 'externalId'])
  const ref = intent.ref ?? ''
  if (ref !== '' && list.value(ref, 'ref')) checkRef(ref, list)

  const pairs: [string, string][] = []
  for (const [name, value] of Object.entries(intent.user ?? {})) if (list.attribute(name, value)) pairs.push([name, value])
  for (const field of intent.fields ?? []) {
    if (list.fieldKey(field?.key) && list.value(field.value, `value of ${field.key}`)) pairs.push([field.key, field.value])
  }
  for (const [key, value] of pairs)
    if (isPlaceholder(value))
      list.add('placeholder', `value of ${key} looks like an unfilled template placeholder and would be rejected`, value)

  if (isSet(intent.json)) {
    if (isSet(intent.payload) || pairs.length > 0)
      list.add('json-alone', 'a JSON payload is the whole rest of a dashed link: it cannot go with a payload or fields')
    return finish(list, `${ref}--${jsonText(intent.json, list)}`)
  }
  const tokens: string[] = []
  if (isSet(intent.payload) && list.value(intent.payload, 'payload')) {
    if (isPlaceholder(intent.payload)) list.add('placeholder', 'payload looks like an unfilled template placeholder', intent.payload)
    tokens.push(intent.payload)
  }
  for (const [key, value] of pairs) tokens.push(key, value)
  if (tokens.length === 0) {
    // A ref alone with a printed dash would split on it; a trailing `--` (ignored) keeps it whole.
    return finish(list, DASHES.test(ref) ? `${ref}--` : ref)
  }
  const broken = tokens.filter((token) => token.includes('--') || token.endsWith('-'))
  const opensJson = /^[[{]/.test(tokens[0])
  if (broken.length === 0 && !opensJson) return finish(list, [ref, ...tokens].join('--'))
  // Values that would break the `--` grammar still fit the JSON array form, but a payload does not.
  if (isSet(intent.payload)) {
    for (const token of broken) list.add('separator-in-value', `"${token}" holds "--" or ends with "-", which splits a dashed link`, token)
    if (opensJson) list.add('json-like-payload', 'a payload starting with { or [ would be read as JSON', tokens[0])
    return finish(list, '')
  }
  const items = pairs.map(([id, value]) => ({ id, value }))
  return finish(list, `${ref}--${JSON.stringify(items)}`)
}

function checkRef(ref: string, list: IssueList): void {
  if (RESERVED_NAMES.has(ref)) list.add('reserved-name', `ref "${ref}" is reserved`, ref)
  if (ref.includes('--') || ref.endsWith('-')) list.add('separator-in-ref', 'ref must not hold "--" or end with "-"', ref)
  if (TELEGRAM_BUSINESS.test(ref)) list.add('reserved-payload', 'Telegram reserves bizChat<id> for business chats', ref)
  if (ref.endsWith(JSON_SUFFIX)) list.add('json-suffix', `a ref ending in "${JSON_SUFFIX}" loses that suffix when read`, ref)
  if (/^[[{]/.test(ref) || looksLikeSegments(ref) || decodeBase64Json(ref, createDraft(emptyIntent()))) {
    list.add('ambiguous-ref', 'ref would be read as another dialect (segments, Base64 JSON or JSON)', ref)
  }
  if (DASHES.test(ref) && ref.split(DASHES).some((piece) => piece.trim() !== piece)) {
    list.add('surrounding-space', 'ref has spaces beside a dash, which the decoder trims', ref)
  }
}

function jsonText(json: unknown, list: IssueList): string {
  // isSet has already left out null.
  if (typeof json !== 'object' || Array.isArray(json)) {
    list.add('json-not-object', 'json must be a JSON object')
    return ''
  }
  const probe = createDraft(emptyIntent())
  let text = ''
  try {
    text = JSON.stringify(json)
    cleanJson(JSON.parse(text), probe, 0, 'json')
  } catch (error) {
    list.add('json-not-serialisable', `json cannot be written as JSON: ${(error as Error).message}`)
  }
  for (const issue of probe.intent.rejected) list.add(issue.code, issue.reason, issue.part)
  return text
}
