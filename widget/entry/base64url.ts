import { utf8Text } from './unicode.ts'

// Base64 done by hand: `atob` rejects the base64url alphabet and returns Latin-1, and Node's
// Buffer is not in browsers.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const LOOKUP = new Int8Array(128).fill(-1)
for (const [sextet, char] of [...ALPHABET].entries()) LOOKUP[char.charCodeAt(0)] = sextet
LOOKUP[43] = 62 // '+' of standard base64
LOOKUP[47] = 63 // '/' of standard base64

const utf8 = new TextEncoder()

/**
 * Decodes base64url or standard base64, padded or not, to a UTF-8 string.
 * Returns null for anything that is not exactly that, including invalid UTF-8.
 */
export function decodeBase64Text(input: string): string | null {
  const text = input.replace(/={1,2}$/, '')
  if (text.length % 4 === 1) return null
  const bytes = new Uint8Array((text.length * 3) >> 2)
  let buffer = 0
  let bits = 0
  let at = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    const sextet = code < 128 ? LOOKUP[code] : -1
    if (sextet < 0) return null
    buffer = (buffer << 6) | sextet
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes[at++] = (buffer >> bits) & 0xff
    }
  }
  // Leftover bits must be zero, or the text was not written by an encoder.
  if ((buffer & ((1 << bits) - 1)) !== 0) return null
  return utf8Text(bytes.subarray(0, at))
}

/** Encodes a string as UTF-8 in base64url without padding (Telegram: no `=`). */
export function encodeBase64Url(text: string): string {
  const bytes = utf8.encode(text)
  let out = ''
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2]
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63]
  }
  const rest = bytes.length - i
  if (rest === 1) {
    const n = bytes[i] << 16
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63]
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8)
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63]
  }
  return out
}
