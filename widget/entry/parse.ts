import { decodeDashed, TELEGRAM_BUSINESS } from './dashed.ts'
import { DECODERS } from './dialects.ts'
import type { Draft } from './draft.ts'
import { createDraft, emptyIntent, nameProblem } from './draft.ts'
import { MAX_PARAM_LENGTH } from './limits.ts'
import { type QueryValue, queryOf, readQuery } from './query.ts'
import { decodeSegments } from './segments.ts'
import type { EntryIntent, EntryParams, ParseOptions } from './types.ts'

/** The parameters read when no options say otherwise (docs/entry-links.md, "How the address is read"). */
export const DEFAULT_PARAMS: Readonly<EntryParams> = Object.freeze({
  ref: Object.freeze(['ref']) as string[],
  segments: Object.freeze(['bs_ref']) as string[],
  bot: Object.freeze(['p']) as string[],
  signature: Object.freeze(['sig', 'exp']) as [string, string],
})

/**
 * Decodes the entry parameters of a page address into an EntryIntent (docs/entry-links.md).
 * Never throws and never changes its input; every dropped piece is listed in `rejected`.
 */
export function parseEntryLink(url: string | URL, options?: ParseOptions): EntryIntent {
  const intent = emptyIntent()
  const draft = createDraft(intent)
  const params = resolveParams(options)
  const query = queryOf(url)
  if (query === null) {
    draft.reject(String(typeof url === 'string' ? url : typeof url).slice(0, 200), 'invalid-url', 'not an address that can be read')
    return intent
  }
  const found = readQuery(query, namesOf(params))
  const signed: Record<string, string> = {}
  const take = (name: string): string | null => {
    const entry = found.get(name)
    const value = entry === undefined ? null : checkParam(name, entry, draft)
    if (value !== null) signed[name] = value
    return value
  }
  const [sigName, expName] = params.signature
  const sig = take(sigName)
  if (sig !== null) {
    delete signed[sigName]
    take(expName)
    intent.signature = { sig, params: signed }
  }

  for (const name of params.bot) {
    const bot = take(name)
    if (bot !== null && intent.bot === null) {
      draft.param = name
      const problem = nameProblem(bot, 'bot id')
      if (problem) draft.reject(bot, problem[0], problem[1])
      else intent.bot = bot
    }
  }

  let segments: { name: string; value: string } | null = null
  for (const name of params.segments) {
    const value = take(name)
    if (value !== null && segments === null) segments = { name, value }
  }
  let ref: { name: string; value: string } | null = null
  for (const name of params.ref) {
    const value = take(name)
    if (value !== null && ref === null) ref = { name, value }
  }
  if (ref && TELEGRAM_BUSINESS.test(ref.value)) {
    draft.param = ref.name
    draft.reject(ref.value, 'reserved-payload', 'Telegram sends bizChat<id> for business chats; it is not a campaign link')
    ref = null
  }

  if (segments) {
    // docs/entry-links.md: beside bs_ref, a ref is decoded only when it is dashed; its fields come first.
    if (ref) {
      const probe = createDraft(emptyIntent(), ref.name)
      if (DIALECTS.some((decode) => decode(ref.value, probe))) {
        draft.param = ref.name
        draft.reject(ref.value, 'ignored-parameter', `${ref.name} is ignored: beside ${segments.name} only a dashed ${ref.name} is read`)
      } else {
        draft.param = ref.name
        decodeDashed(ref.value, draft)
      }
    }
    draft.param = segments.name
    decodeSegments(segments.value, draft)
  } else if (ref) {
    draft.param = ref.name
    const { value } = ref
    if (!DIALECTS.some((decode) => decode(value, draft))) decodeDashed(value, draft)
  }
  return intent
}

const DIALECTS = Object.values(DECODERS)
const namesOf = (params: EntryParams) => new Set([...params.ref, ...params.segments, ...params.bot, ...params.signature])

function resolveParams(options: ParseOptions | undefined): EntryParams {
  const given = options?.params
  if (given === undefined) return DEFAULT_PARAMS
  const list = (key: 'ref' | 'segments' | 'bot'): string[] => {
    const names = given[key]
    // A name that is not a string matches no parameter, so it needs no filtering.
    return Array.isArray(names) ? names : DEFAULT_PARAMS[key]
  }
  const signature = Array.isArray(given.signature) && given.signature.length === 2 ? given.signature : DEFAULT_PARAMS.signature
  return { ref: list('ref'), segments: list('segments'), bot: list('bot'), signature }
}

/** A parameter's value when it can be read at all; records it as read either way. */
function checkParam(name: string, entry: QueryValue, draft: Draft): string | null {
  draft.intent.params.push(name)
  draft.param = name
  if (entry.count > 1) {
    draft.reject(name, 'repeated-parameter', `${name} appears ${entry.count} times; only the first is read`)
  }
  if (entry.value === null) {
    draft.reject(
      entry.raw.slice(0, 200),
      'malformed-encoding',
      `${name} is not UTF-8 once its percent-escapes are decoded; a browser would read U+FFFD in its place`,
    )
    return null
  }
  if (entry.value.length > MAX_PARAM_LENGTH) {
    draft.reject(
      `${entry.value.slice(0, 32)}…`,
      'parameter-too-long',
      `${name} is ${entry.value.length} characters, over the limit of ${MAX_PARAM_LENGTH}`,
    )
    return null
  }
  if (entry.value.trim() === '') return null
  return entry.value
}
