import { LONE_SURROGATE, LONE_SURROGATES, utf8Text } from './unicode.ts'

// Reads an address's query as the WHATWG application/x-www-form-urlencoded parser does, which
// is what URLSearchParams uses: `+` is a space, `%` and two hex digits is a byte, a `%` without
// them stays as written, and the bytes are read as UTF-8; the first of repeated keys wins.
// One difference, on purpose (docs/entry-links.md, "How the address is read"): bytes that are
// not UTF-8 are reported, where the WHATWG parser puts U+FFFD in their place without a word.

export interface QueryValue {
  /** The decoded value, or null when its bytes are not UTF-8. */
  value: string | null
  /** The raw value as written in the address. */
  raw: string
  /** How many times the name appears in the query. */
  count: number
}

// A byte no UTF-8 text holds: a lone surrogate in an address string becomes this, so that its
// parameter is reported as not UTF-8 instead of read with the U+FFFD the URL parser would put.
const NOT_UTF8 = '%FF'

/** The query string (without `?`) of a URL or address, or null when it cannot be read as one. */
export function queryOf(url: unknown): string | null {
  // A URL, from this window or another (so no instanceof); a string's `search` is a method.
  if (typeof (url as URL | null)?.search === 'string') return (url as URL).search.slice(1)
  if (typeof url !== 'string') return null
  const address = url.replace(LONE_SURROGATES, NOT_UTF8)
  try {
    // A base lets relative addresses (`/page?ref=x`, `?ref=x`) through.
    return new URL(address, 'https://doorway.invalid/').search.slice(1)
  } catch {
    return null
  }
}

// A run of `%XX` escapes is a run of bytes. Decoding each run alone gives what decoding all the
// bytes at once gives: the characters written between runs are whole, so their UTF-8 starts no
// sequence a run left open and continues none.
const ESCAPES = /(?:%[0-9A-Fa-f]{2})+/g

/** A name or value of the query, decoded; null when its bytes are not UTF-8. */
function decodeComponent(text: string): string | null {
  // The WHATWG parser UTF-8-encodes the text first, writing a lone surrogate as U+FFFD: refuse it.
  if (LONE_SURROGATE.test(text)) return null
  // Shortcuts for the common cases, no `+` and no `%`: the longer way gives the same text.
  const spaced = text.includes('+') ? text.replaceAll('+', ' ') : text
  if (!spaced.includes('%')) return spaced
  let malformed = false
  const decoded = spaced.replace(ESCAPES, (run) => {
    const chars = utf8Text(Uint8Array.from(run.slice(1).split('%'), (hex) => Number.parseInt(hex, 16)))
    if (chars === null) malformed = true
    return chars ?? ''
  })
  return malformed ? null : decoded
}

/** The raw name and value of one `name=value` pair; the value is everything after the first `=`. */
function splitPair(pair: string): [name: string, value: string] {
  const eq = pair.indexOf('=')
  return eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)]
}

/** Decodes the given names of a query; names not asked for are not decoded at all. */
export function readQuery(query: string, names: ReadonlySet<string>): Map<string, QueryValue> {
  const found = new Map<string, QueryValue>()
  for (const pair of query.split('&')) {
    if (pair === '') continue
    const [rawName, raw] = splitPair(pair)
    // null, a name that is not UTF-8, is none of the names asked for: it needs no test of its own.
    const name = decodeComponent(rawName) as string
    if (!names.has(name)) continue
    const seen = found.get(name)
    if (seen) {
      seen.count++
      continue
    }
    found.set(name, { value: decodeComponent(raw), raw, count: 1 })
  }
  return found
}

/**
 * The address without the named query parameters (every occurrence, names decoded as
 * readQuery decodes them), every other parameter kept byte for byte in its order, and the
 * hash kept: what the widget puts in the address bar.
 */
export function withoutParams(href: string, names: readonly string[]): string {
  const hashAt = href.indexOf('#')
  const beforeHash = hashAt < 0 ? href : href.slice(0, hashAt)
  const hash = href.slice(beforeHash.length)
  const queryAt = beforeHash.indexOf('?')
  if (queryAt < 0 || names.length === 0) return href
  const drop: ReadonlySet<string | null> = new Set(names)
  const kept = beforeHash
    .slice(queryAt + 1)
    .split('&')
    .filter((pair) => {
      if (pair === '') return false
      // A name that is not UTF-8 (null) is none of the names to drop.
      return !drop.has(decodeComponent(splitPair(pair)[0]))
    })
  return `${beforeHash.slice(0, queryAt)}${kept.length > 0 ? `?${kept.join('&')}` : ''}${hash}`
}
