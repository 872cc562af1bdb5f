import { describe, expect, it } from 'vitest'
import { encodeBase64Url } from '../../widget/entry/base64url.ts'
import { type EntryIntent, parseEntryLink } from '../../widget/entry/index.ts'
import { escapeLoneSurrogates, loneSurrogate, utf8Text } from '../../widget/entry/unicode.ts'

const ref = (value: string) => parseEntryLink(`https://s.example/?ref=${encodeURIComponent(value)}`)
// JSON text as written: `\ud800` stays a six-character escape until JSON.parse reads it.
const b64 = (jsonText: string) => parseEntryLink(`https://s.example/?ref=${encodeBase64Url(jsonText)}`)

/** Every string of an intent, keys included, the rejection list too. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (typeof value !== 'object' || value === null) return []
  return Object.entries(value).flatMap(([key, item]) => [key, ...strings(item)])
}
const wellFormed = (intent: EntryIntent) => strings(intent).every((text) => loneSurrogate(text) === null)

describe('a lone surrogate', () => {
  it('is rejected in a Base64 JSON value, never passed on or turned into U+FFFD', () => {
    const intent = b64('{"e":"a\\ud800@b.co","p":"\\udc00 123","eId":"x\\udbff","v":{"k":"a\\udfff","ok":"1"}}')
    expect(intent).toMatchObject({ dialect: 'base64json', user: {}, externalId: null, variables: { ok: '1' } })
    expect(intent.rejected.map((r) => [r.part, r.code, r.reason])).toEqual([
      ['e:a\\ud800@b.co', 'malformed-unicode', 'email holds the lone surrogate U+D800, half of a character'],
      ['p:\\udc00 123', 'malformed-unicode', 'phone holds the lone surrogate U+DC00, half of a character'],
      ['eId:x\\udbff', 'malformed-unicode', 'eId holds the lone surrogate U+DBFF, half of a character'],
      ['v.k:a\\udfff', 'malformed-unicode', 'value of k holds the lone surrogate U+DFFF, half of a character'],
    ])
    expect(wellFormed(intent)).toBe(true)
  })

  it('is rejected in a Base64 JSON key, and the rejection shows it as the escape it was written as', () => {
    const intent = b64('{"v":{"\\ud800":"x"},"\\udc00":1,"e":"a@b.co"}')
    expect(intent.user).toEqual({ email: 'a@b.co' })
    expect(intent.variables).toEqual({})
    expect(intent.rejected.map((r) => [r.part, r.code, r.reason])).toEqual([
      ['v.\\ud800:x', 'malformed-unicode', 'variable name holds the lone surrogate U+D800, half of a character'],
      ['\\udc00', 'unknown-key', 'unknown key "\\udc00"; known keys are p, e, eId and v'],
    ])
    expect(wellFormed(intent)).toBe(true)
  })

  it('is rejected in a dashed JSON payload, in values and keys, and in the {id, value} form', () => {
    const object = ref('g--{"s":"\\ud800","\\udc00":1,"ok":"\\ud83d\\ude00"}')
    expect(object.json).toEqual({ s: null, ok: '😀' })
    expect(object.rejected.map((r) => [r.part, r.code, r.reason])).toEqual([
      ['json.s', 'malformed-unicode', 'json.s holds the lone surrogate U+D800, half of a character'],
      ['\\udc00', 'malformed-unicode', 'a JSON key in json holds the lone surrogate U+DC00, half of a character'],
    ])
    const items = ref('g--[{"id":"\\ud800","value":"x"},{"id":"k","value":"\\udc00"},{"id":"first_name","value":"\\ud800"}]')
    expect(items).toMatchObject({ fields: [], user: {} })
    expect(items.rejected.map((r) => [r.part, r.reason])).toEqual([
      ['\\ud800--x', 'custom field name holds the lone surrogate U+D800, half of a character'],
      ['k--\\udc00', 'value of k holds the lone surrogate U+DC00, half of a character'],
      ['first_name--\\ud800', 'first_name holds the lone surrogate U+D800, half of a character'],
    ])
    expect(wellFormed(object) && wellFormed(items)).toBe(true)
  })

  it('keeps a surrogate pair, which is one character', () => {
    expect(b64('{"v":{"\\ud83d\\ude00":"\\ud83d\\ude00"}}')).toMatchObject({ variables: { '😀': '😀' }, rejected: [] })
  })
})

describe('unicode helpers', () => {
  it('names the first lone surrogate, or null for well-formed text', () => {
    expect(loneSurrogate('a\ud800b\udc00')).toBe('U+D800')
    expect(loneSurrogate('\udfff')).toBe('U+DFFF')
    expect(loneSurrogate('a😀b')).toBeNull()
    expect(loneSurrogate('')).toBeNull()
  })

  it('writes lone surrogates as JSON escapes and leaves pairs alone', () => {
    expect(escapeLoneSurrogates('a\ud800b\udc00😀')).toBe('a\\ud800b\\udc00😀')
    expect(escapeLoneSurrogates('plain')).toBe('plain')
  })

  it('reads exactly UTF-8, keeping a leading byte order mark', () => {
    expect(utf8Text(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('\ufeffa')
    expect(utf8Text(new Uint8Array([0xe2, 0x82, 0xac]))).toBe('€')
    expect(utf8Text(new Uint8Array([0xe2, 0x82]))).toBeNull()
    expect(utf8Text(new Uint8Array([0xed, 0xa0, 0x80]))).toBeNull()
  })
})
