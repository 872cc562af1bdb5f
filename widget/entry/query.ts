// Reads an address's query the way URLSearchParams does (`+` is a space, the first of repeated
// keys wins) but strictly: a malformed escape is reported instead of turned into U+FFFD.

export interface QueryValue {
  /** The decoded value, or null when its percent-encoding is malformed. */
  value: string | null
  /** The raw value as written in the address. */
  raw: string
  /** How many times the name appears in the query. */
  count: number
}

/** The query string (without `?`) of a URL or address, or null when it cannot be read as one. */
export function queryOf(url: unknown): string | null {
  if (typeof url === 'object' && url !== null && typeof (url as URL).search === 'string') {
    return (url as URL).search.slice(1)
  }
  if (typeof url !== 'string') return null
  try {
    // A base lets relative addresses (`/page?ref=x`, `?ref=x`) through.
    return new URL(url, 'https://doorway.invalid/').search.slice(1)
  } catch {
    return null
  }
}

function decodeComponent(text: string): string | null {
  const spaced = text.includes('+') ? text.replaceAll('+', ' ') : text
  if (!spaced.includes('%')) return spaced
  try {
    return decodeURIComponent(spaced)
  } catch {
    return null
  }
}

/** Decodes the given names of a query; names not asked for are not decoded at all. */
export function readQuery(query: string, names: ReadonlySet<string>): Map<string, QueryValue> {
  const found = new Map<string, QueryValue>()
  if (query === '') return found
  for (const pair of query.split('&')) {
    if (pair === '') continue
    const eq = pair.indexOf('=')
    const name = decodeComponent(eq < 0 ? pair : pair.slice(0, eq))
    if (name === null || !names.has(name)) continue
    const seen = found.get(name)
    if (seen) {
      seen.count++
      continue
    }
    const raw = eq < 0 ? '' : pair.slice(eq + 1)
    found.set(name, { value: decodeComponent(raw), raw, count: 1 })
  }
  return found
}

/**
 * The address without the named query parameters (every occurrence), every other parameter
 * kept byte for byte in its order, and the hash kept: what the widget puts in the address bar.
 */
export function withoutParams(href: string, names: readonly string[]): string {
  const hashAt = href.indexOf('#')
  const beforeHash = hashAt < 0 ? href : href.slice(0, hashAt)
  const hash = hashAt < 0 ? '' : href.slice(hashAt)
  const queryAt = beforeHash.indexOf('?')
  if (queryAt < 0 || names.length === 0) return href
  const drop = new Set(names)
  const kept = beforeHash
    .slice(queryAt + 1)
    .split('&')
    .filter((pair) => {
      if (pair === '') return false
      const eq = pair.indexOf('=')
      const name = decodeComponent(eq < 0 ? pair : pair.slice(0, eq))
      return name === null || !drop.has(name)
    })
  return `${beforeHash.slice(0, queryAt)}${kept.length > 0 ? `?${kept.join('&')}` : ''}${hash}`
}
