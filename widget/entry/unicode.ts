// Text that is not Unicode is refused, never repaired: a lone UTF-16 surrogate (half of a
// character, which JSON's "\ud800" escape can make) and bytes that are not UTF-8. TextEncoder,
// TextDecoder, URL and URLSearchParams all put U+FFFD there without a word.

/** One unpaired surrogate: with the `u` flag a pair is one code point, so only a lone half is Cs. */
export const LONE_SURROGATE = /\p{Cs}/u
/** Every lone surrogate, for `replace` (a global pattern keeps state in `test`). */
export const LONE_SURROGATES = /\p{Cs}/gu

/** The first lone surrogate of a text as `U+D800`, or null when the text is well-formed. */
export function loneSurrogate(text: string): string | null {
  const found = LONE_SURROGATE.exec(text)
  return found ? `U+${found[0].charCodeAt(0).toString(16).toUpperCase()}` : null
}

/** The text with each lone surrogate written as the JSON escape `\ud800`: for messages, which must stay sendable. */
export function escapeLoneSurrogates(text: string): string {
  return text.replace(LONE_SURROGATES, (half) => `\\u${half.charCodeAt(0).toString(16)}`)
}

// `ignoreBOM` keeps a leading U+FEFF as written, as the WHATWG "UTF-8 decode without BOM" does.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** The UTF-8 text of some bytes, or null when they are not exactly UTF-8. */
export function utf8Text(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes)
  } catch {
    return null
  }
}
