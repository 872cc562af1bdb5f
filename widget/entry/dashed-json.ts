import { type Draft, numberProblem, type Problem, scalarText, valueProblem } from './draft.ts'
import { MAX_JSON_DEPTH, RESERVED_NAMES } from './limits.ts'
import { isPlaceholder } from './placeholders.ts'

// docs/entry-links.md, dialect `dashed`: when the rest of a dashed value begins with `{` or `[`,
// the whole rest is one JSON payload. An array of {id, value} becomes fields (system names go to
// `user`); an object is kept whole in `json`, cleaned of what no value may hold.

/** Reads the JSON payload of a dashed value into the draft; bad JSON is one rejection. */
export function readJsonPayload(body: string, draft: Draft): void {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch (error) {
    draft.reject(body, 'invalid-json', `the JSON payload does not parse: ${(error as Error).message}`)
    return
  }
  if (!Array.isArray(parsed)) {
    draft.intent.json = cleanJson(parsed, draft, 0, 'json')
    return
  }
  // An array of {id, value}: custom fields by id, system attributes by name.
  for (const [index, item] of parsed.entries()) {
    const { id, value } = (item ?? {}) as { id?: unknown; value?: unknown }
    const key = typeof id === 'string' || typeof id === 'number' ? scalarText(id, `[${index}].id`) : ITEM_SHAPE
    const text = scalarText(value, `[${index}].value`)
    if (typeof key !== 'string') {
      draft.reject(JSON.stringify(item), ...key)
    } else if (typeof text !== 'string') {
      draft.reject(JSON.stringify(item), ...text)
    } else if (isPlaceholder(text)) {
      draft.reject(`${key}--${text}`, 'placeholder', `value of ${key} is an unfilled template placeholder ${text}`)
    } else {
      draft.setAttributeOrField(`${key}--${text}`, key, text)
    }
  }
}

const ITEM_SHAPE: Problem = [
  'unsupported-value',
  'each item of a JSON array must be {"id": string or number, "value": string, number or boolean}',
]

/**
 * A copy of a JSON value that keeps only what every value may be (docs/entry-links.md, dialect
 * `dashed`): a rejected value becomes null, a rejected key is left out, each with its reason.
 * `path` names the part in the rejection, like `json.items[0].sku`.
 */
export function cleanJson(value: unknown, draft: Draft, depth: number, path: string): unknown {
  const problem = typeof value === 'string' ? valueProblem(value, path) : typeof value === 'number' ? numberProblem(value, path) : null
  if (problem) {
    draft.reject(path, ...problem)
    return null
  }
  if (typeof value !== 'object' || value === null) return value
  if (depth >= MAX_JSON_DEPTH) {
    draft.reject(path, 'unsupported-value', `the JSON payload nests deeper than ${MAX_JSON_DEPTH} levels; ${path} is dropped`)
    return null
  }
  if (Array.isArray(value)) return value.map((item, index) => cleanJson(item, draft, depth + 1, `${path}[${index}]`))
  const copy: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    const keyProblem: Problem | null = RESERVED_NAMES.has(key)
      ? ['reserved-name', `JSON key "${key}" is reserved and dropped`]
      : valueProblem(key, `a JSON key in ${path}`)
    if (keyProblem) {
      draft.reject(key, ...keyProblem)
      continue
    }
    copy[key] = cleanJson((value as Record<string, unknown>)[key], draft, depth + 1, `${path}.${key}`)
  }
  return copy
}
