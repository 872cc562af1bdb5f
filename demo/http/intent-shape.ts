import { type EntryIntent, MAX_VALUE_LENGTH } from '../../widget/entry/index.ts'
import { HttpError } from './http-error.ts'
import { checkCount, checkJsonPayload, checkLength, MAX_ENTRIES, MAX_REASON, MAX_REJECTED } from './input-limits.ts'

/** The EntryIntent must have the contract's shape before any rule reads it. */
export function checkIntentShape(value: unknown): EntryIntent {
  const bad = (message: string): never => {
    throw new HttpError(400, 'invalid_intent', message)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bad('intent must be an object (an EntryIntent)')
  const intent = value as Record<string, unknown>
  const nullableString = (key: string) => {
    if (intent[key] !== null && intent[key] !== undefined && typeof intent[key] !== 'string') bad(`intent.${key} must be a string or null`)
  }
  for (const key of ['bot', 'ref', 'block', 'payload', 'externalId', 'dialect']) {
    nullableString(key)
    if (typeof intent[key] === 'string') checkLength(`intent.${key}`, intent[key] as string)
  }
  // Every count is capped: a hostile body cannot make the backend store or answer megabytes.
  const record = (key: string) => {
    const v = intent[key] ?? {}
    if (typeof v !== 'object' || v === null || Array.isArray(v)) bad(`intent.${key} must be an object of strings`)
    checkCount(`intent.${key}`, Object.keys(v as object).length, MAX_ENTRIES)
    for (const [name, item] of Object.entries(v as object)) {
      if (typeof item !== 'string') bad(`intent.${key} must be an object of strings`)
      checkLength(`intent.${key} name`, name, MAX_VALUE_LENGTH)
      checkLength(`intent.${key}.${name}`, item)
    }
  }
  record('user')
  record('variables')
  const fields = intent.fields ?? []
  if (!Array.isArray(fields) || fields.some((f) => typeof f?.key !== 'string' || typeof f?.value !== 'string'))
    bad('intent.fields must be an array of {key, value} strings')
  checkCount('intent.fields', (fields as unknown[]).length, MAX_ENTRIES)
  for (const field of fields as { key: string; value: string }[]) {
    checkLength('intent.fields key', field.key, MAX_VALUE_LENGTH)
    checkLength(`intent.fields ${field.key}`, field.value)
  }
  const rejected = intent.rejected ?? []
  if (!Array.isArray(rejected) || rejected.some((x) => typeof x?.part !== 'string' || typeof x?.reason !== 'string'))
    bad('intent.rejected must be an array of {part, reason}')
  checkCount('intent.rejected', (rejected as unknown[]).length, MAX_REJECTED)
  for (const x of rejected as { part: string; reason: string }[]) {
    checkLength('intent.rejected part', x.part)
    checkLength('intent.rejected reason', x.reason, MAX_REASON)
  }
  if (intent.json !== undefined) checkJsonPayload(intent.json)
  const signature = intent.signature
  if (signature !== undefined && signature !== null) {
    const s = signature as { sig?: unknown; params?: unknown }
    if (typeof s.sig !== 'string' || typeof s.params !== 'object' || s.params === null || Array.isArray(s.params))
      bad('intent.signature must be {sig, params}')
    checkLength('intent.signature.sig', s.sig as string, 128)
    checkCount('intent.signature.params', Object.keys(s.params as object).length, 16)
    for (const v of Object.values(s.params as object)) {
      if (typeof v !== 'string') bad('intent.signature.params must be strings')
      checkLength('intent.signature.params value', v)
    }
  }
  return {
    dialect: (intent.dialect as EntryIntent['dialect']) ?? null,
    bot: (intent.bot as string) ?? null,
    ref: (intent.ref as string) ?? null,
    block: (intent.block as string) ?? null,
    payload: (intent.payload as string) ?? null,
    fields: fields as EntryIntent['fields'],
    user: (intent.user as EntryIntent['user']) ?? {},
    variables: (intent.variables as EntryIntent['variables']) ?? {},
    externalId: (intent.externalId as string) ?? null,
    json: intent.json ?? null,
    rejected: rejected as EntryIntent['rejected'],
    params: [],
    signature: (signature as EntryIntent['signature']) ?? null,
  }
}
