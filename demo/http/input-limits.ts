// What the backend refuses before any rule reads a request (docs/security.md, "Limits").
import { MAX_ENTRIES, MAX_JSON_DEPTH, MAX_PARAM_LENGTH, MAX_VALUE_LENGTH } from '../../widget/entry/index.ts'
import { HttpError } from './http-error.ts'

/** Most `rejected` entries an intent may carry: the decoder's own lists stay far below. */
export const MAX_REJECTED = 200
/** Longest rejection reason, in UTF-16 code units. */
const MAX_REASON = 1000
/** Most strings, numbers and containers in a whole request body. */
const MAX_NODES = 20_000

// With the u flag, \p{Cs} matches only a surrogate that has no partner: a lone one.
const LONE_SURROGATE = /\p{Cs}/u
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** The body's bytes as text; bytes that are not UTF-8 are refused, never turned into U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes)
  } catch {
    throw new HttpError(400, 'invalid_utf8', 'the body is not valid UTF-8')
  }
}

/**
 * Walks a parsed body without recursion (a body nested 10,000 deep cannot exhaust the stack):
 * refuses lone surrogates in any key or string, numbers beyond 2^53, and too many nodes.
 */
export function checkJsonTree(root: unknown, where = 'body'): void {
  const stack: [unknown, string][] = [[root, where]]
  let nodes = 0
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [unknown, string]
    if (++nodes > MAX_NODES) throw new HttpError(400, 'too_many_values', `${where} holds more than ${MAX_NODES} values`)
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value))
        throw new HttpError(400, 'invalid_unicode', `${path} holds a lone surrogate (half of a UTF-16 pair), which is no text`)
    } else if (typeof value === 'number') {
      if (Number.isInteger(value) && !Number.isSafeInteger(value))
        throw new HttpError(400, 'unsafe_number', `${path} is a number beyond 2^53, which JSON readers round: send it as a string`)
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (LONE_SURROGATE.test(key)) throw new HttpError(400, 'invalid_unicode', `a key in ${path} holds a lone surrogate`)
        stack.push([item, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`])
      }
    }
  }
}

/** An intent's JSON payload: at most 32 levels deep, every string within the value limit. */
export function checkJsonPayload(json: unknown): void {
  const stack: [unknown, number][] = [[json, 0]]
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number]
    if (typeof value === 'string' && value.length > MAX_VALUE_LENGTH)
      throw new HttpError(400, 'invalid_intent', `a string in intent.json is over ${MAX_VALUE_LENGTH} characters`)
    if (typeof value !== 'object' || value === null) continue
    if (depth >= MAX_JSON_DEPTH) throw new HttpError(400, 'invalid_intent', `intent.json nests deeper than ${MAX_JSON_DEPTH} levels`)
    for (const [key, item] of Object.entries(value)) {
      if (key.length > MAX_VALUE_LENGTH)
        throw new HttpError(400, 'invalid_intent', `a key in intent.json is over ${MAX_VALUE_LENGTH} characters`)
      stack.push([item, depth + 1])
    }
  }
}

/** A count or a length the intent's contract bounds. */
export function checkCount(what: string, count: number, max: number): void {
  if (count > max) throw new HttpError(400, 'invalid_intent', `${what} has ${count} entries; at most ${max} are accepted`)
}

export function checkLength(what: string, text: string, max = MAX_PARAM_LENGTH): void {
  if (text.length > max) throw new HttpError(400, 'invalid_intent', `${what} is over ${max} characters`)
}

export { MAX_ENTRIES, MAX_REASON }
