import { describe, expect, it } from 'vitest'
import { decodeBase64Text, encodeBase64Url } from '../../widget/entry/base64url.ts'
import { parseEntryLink } from '../../widget/entry/index.ts'

const b64 = (json: unknown) => encodeBase64Url(JSON.stringify(json))
const ref = (value: string) => parseEntryLink(`https://t.example/?ref=${value}`)

describe('base64url', () => {
  it('agrees with Node for every length and byte', () => {
    for (let length = 0; length < 40; length++) {
      const bytes = Buffer.from(Array.from({ length }, (_, i) => (i * 37 + length) % 256))
      const text = bytes.toString('latin1')
      expect(encodeBase64Url(text)).toBe(Buffer.from(text, 'utf8').toString('base64url'))
    }
  })

  it('reads standard base64, padded or not, and refuses what is not base64 or not UTF-8', () => {
    expect(decodeBase64Text('eyJhIjoi8J+YgCJ9')).toBe('{"a":"😀"}')
    expect(decodeBase64Text('eyJhIjoi8J-YgCJ9')).toBe('{"a":"😀"}')
    expect(decodeBase64Text('YQ==')).toBe('a')
    expect(decodeBase64Text('YQ')).toBe('a')
    expect(decodeBase64Text('Y')).toBeNull()
    expect(decodeBase64Text('YR')).toBeNull() // non-zero leftover bits
    expect(decodeBase64Text('a*b=')).toBeNull()
    expect(decodeBase64Text('/w')).toBeNull() // 0xFF is not UTF-8
  })

  it('takes one or two "=" of padding at the end only', () => {
    expect(decodeBase64Text('YQ=')).toBe('a')
    expect(decodeBase64Text('YWI=')).toBe('ab')
    expect(decodeBase64Text('YQ===')).toBeNull()
    expect(decodeBase64Text('Y=Q')).toBeNull()
    expect(decodeBase64Text('=YQ')).toBeNull()
    expect(decodeBase64Text('')).toBe('')
  })

  it('refuses any character outside both alphabets, wherever it is', () => {
    expect(decodeBase64Text('YQ=A')).toBeNull()
    for (const char of ['\u0080', 'é', ' ', '.', '*', '\u00ff', '\u0100']) {
      expect(decodeBase64Text(`YQ${char}`), char).toBeNull()
      expect(decodeBase64Text(`YQ${char}A`), char).toBeNull()
      expect(decodeBase64Text(`${char}YQA`), char).toBeNull()
    }
  })

  it('refuses a length that no encoder writes, even when its bits are zero', () => {
    expect(decodeBase64Text('A')).toBeNull()
    expect(decodeBase64Text('QUFBA')).toBeNull()
    expect(decodeBase64Text('QUFB')).toBe('AAA')
  })
})

describe('base64json', () => {
  it('reads all four keys', () => {
    const intent = ref(b64({ p: '79000000000', e: 'a@b.co', eId: 'X-1', v: { city: 'Moscow', n: 3, ok: true } }))
    expect(intent).toMatchObject({
      dialect: 'base64json',
      ref: null,
      externalId: 'X-1',
      user: { phone: '79000000000', email: 'a@b.co' },
      variables: { city: 'Moscow', n: '3', ok: 'true' },
    })
    expect(intent.rejected).toEqual([])
  })

  it('reads numbers as strings where a string is expected', () => {
    expect(ref(b64({ p: 79000000000, eId: 12 }))).toMatchObject({ user: { phone: '79000000000' }, externalId: '12' })
  })

  it('puts back a "+" that the address turned into a space', () => {
    // {"e":"ä@b.co","v":{"k":">?"}} in standard base64 holds "+" and "/"
    const standard = Buffer.from('{"e":"a@b.co","v":{"k":">>>?"}}').toString('base64')
    expect(standard).toMatch(/[+/]/)
    const intent = parseEntryLink(`https://t.example/?ref=${standard.replaceAll('+', '%20')}`)
    expect(intent).toMatchObject({ dialect: 'base64json', variables: { k: '>>>?' } })
  })

  it('rejects unknown keys one by one and keeps the known ones', () => {
    const intent = ref(b64({ e: 'a@b.co', x: 1, __proto__x: 2 }))
    expect(intent.user).toEqual({ email: 'a@b.co' })
    expect(intent.rejected.map((r) => [r.code, r.part])).toEqual([
      ['unknown-key', 'x'],
      ['unknown-key', '__proto__x'],
    ])
  })

  it('rejects a null where a value or the variables belong, without throwing', () => {
    expect(ref(b64({ v: null, e: 'a@b.co' }))).toMatchObject({ user: { email: 'a@b.co' }, variables: {} })
    expect(ref(b64({ v: null, p: null, eId: null })).rejected.map((r) => [r.part, r.code, r.reason])).toEqual([
      ['v', 'unsupported-value', 'v must be an object of variable names and values'],
      ['p', 'unsupported-value', 'p must be a string, number or boolean'],
      ['eId', 'unsupported-value', 'eId must be a string, number or boolean'],
    ])
    expect(ref(b64({ v: { a: null } })).rejected.map((r) => r.reason)).toEqual(['variable a must be a string, number or boolean'])
  })

  it('reads only an object as base64json: null, numbers, strings and arrays are dashed refs', () => {
    for (const json of [null, 123, 'p', [{ p: 1 }], true]) {
      const value = b64(json)
      expect(ref(value), value).toMatchObject({ dialect: 'dashed', ref: value, rejected: [] })
    }
  })

  it('rejects an empty eId and reads booleans as text', () => {
    expect(ref(b64({ eId: '' })).rejected).toMatchObject([{ part: 'eId', code: 'empty-value' }])
    expect(ref(b64({ eId: true, v: { on: false } }))).toMatchObject({ externalId: 'true', variables: { on: 'false' } })
  })

  it('rejects nested variables and a v that is not an object', () => {
    expect(ref(b64({ v: { a: { b: 1 }, c: [1], d: null, e: 'ok' } })).rejected.map((r) => r.part)).toEqual(['v.a', 'v.c', 'v.d'])
    for (const v of [[1], 'ab', 5, true]) {
      expect(ref(b64({ eId: 'x', v })).rejected, JSON.stringify(v)).toEqual([
        { part: 'v', code: 'unsupported-value', reason: 'v must be an object of variable names and values', param: 'ref' },
      ])
    }
  })

  it('validates phone and email like every dialect', () => {
    expect(ref(b64({ p: 'call me', e: 'two@a.co, three@b.co' })).rejected.map((r) => r.code)).toEqual(['invalid-phone', 'invalid-email'])
  })

  it('rejects a reserved variable name from an own __proto__ key', () => {
    const intent = ref(encodeBase64Url('{"v":{"__proto__":{"polluted":1},"constructor":"x","ok":"1"}}'))
    expect(intent.variables).toEqual({ ok: '1' })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('falls back to dashed when the JSON has none of the keys, or is not JSON', () => {
    expect(ref(b64({ name: 'x' })).dialect).toBe('dashed')
    expect(ref(b64([1, 2])).dialect).toBe('dashed')
    expect(ref('eyJub3QganNvbg').dialect).toBe('dashed')
    expect(ref('everything').ref).toBe('everything')
  })

  it('accepts values longer than Telegram allows on the web', () => {
    const long = b64({ v: { note: 'x'.repeat(200) } })
    expect(long.length).toBeGreaterThan(64)
    expect(ref(long).variables.note).toHaveLength(200)
  })
})
