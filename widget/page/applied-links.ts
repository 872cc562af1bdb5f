import { type Platform, randomId } from '../transport/platform.ts'

/** How long a link stays "applied" on this browser, so that a reload never applies it twice. */
const APPLIED_TTL_MS = 30 * 60 * 1000

/**
 * Claims the link of a page address (its query) for this page view: true the first time in 30
 * minutes on this browser, false after. Only a salted hash of the query is kept, under
 * `key('applied')`: never the query, which holds the link's personal data (docs/security.md).
 */
export function claimLink(platform: Platform, key: (name: string) => string, query: string): boolean {
  const { storage } = platform
  let applied: Record<string, number> = {}
  try {
    applied = JSON.parse(storage.getItem(key('applied')) ?? '{}')
  } catch {
    // a damaged memory forgets
  }
  const salt = storage.getItem(key('salt')) ?? randomId(platform, 16)
  storage.setItem(key('salt'), salt)
  const print = hash64(salt + query)
  const now = platform.now()
  const fresh = typeof applied[print] === 'number' && applied[print] > now - APPLIED_TTL_MS
  // Expired entries go, and so does any that is not a hash (earlier versions kept the query itself).
  for (const [entry, at] of Object.entries(applied)) if (at <= now - APPLIED_TTL_MS || !/^[0-9a-f]{16}$/.test(entry)) delete applied[entry]
  if (!fresh) applied[print] = now
  storage.setItem(key('applied'), JSON.stringify(applied))
  return !fresh
}

/** 64 bits from two independent 32-bit multiply-xorshift mixes: enough that two links never meet. */
function hash64(text: string): string {
  let a = 0xdeadbeef
  let b = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    a = Math.imul(a ^ code, 2654435761)
    b = Math.imul(b ^ code, 1597334677)
  }
  a = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909)
  b = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909)
  return [b, a].map((half) => (half >>> 0).toString(16).padStart(8, '0')).join('')
}
