// The name an entry link's opens, conversation starts and conversions are counted under
// (docs/results.md). A link of the bot file by its own name; an unknown `ref` by what the
// visitor sent, when it reads as a name: anyone can send any `ref` of up to 8,192 characters,
// and each would otherwise be a row of every results day and of every CSV, in any bytes.

/** What every unknown `ref` that does not read as a link name is counted under. */
export const UNREADABLE_LINK = '(unreadable)'

/**
 * Letters (with the marks that combine with them: a decomposed é, Devanagari or Thai vowel
 * signs), digits and `_ . : ~ -`, 1 to 64 of them: what a link name or a platform's ref looks like.
 */
const READABLE = /^[\p{L}\p{M}\p{N}_.:~-]{1,64}$/u

/** The name to count a link under: `ref` itself when it is a link of the bot or reads as one. */
export function countedLinkName(ref: string, known: boolean): string {
  return known || READABLE.test(ref) ? ref : UNREADABLE_LINK
}
