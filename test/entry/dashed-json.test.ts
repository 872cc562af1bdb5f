import { describe, expect, it } from 'vitest'
import { parseEntryLink } from '../../widget/entry/index.ts'

const ref = (value: string) => parseEntryLink(`https://shop.example/?ref=${encodeURIComponent(value)}`)

// widget/entry/dashed-json.ts, through the decoder: the JSON payload of a dashed value.
describe('dashed, with a JSON payload', () => {
  it('reads a JSON array of {id, value} as fields and attributes', () => {
    const intent = ref('giveawayjsondata--[{"id":"email","value":"a@b.co"},{"id":738,"value":5},{"id":"x"}]')
    expect(intent.ref).toBe('giveaway')
    expect(intent.user).toEqual({ email: 'a@b.co' })
    expect(intent.fields).toEqual([{ key: '738', value: '5' }])
    expect(intent.rejected).toMatchObject([{ code: 'unsupported-value', part: '{"id":"x"}' }])
  })

  it('keeps a JSON object whole, without reserved keys, after a vendor dash', () => {
    const intent = ref('orderjsondata—{"items":[{"sku":"A1","qty":2}],"__proto__":{"admin":true},"nested":{"constructor":1}}')
    expect(intent.ref).toBe('order')
    expect(intent.json).toEqual({ items: [{ sku: 'A1', qty: 2 }], nested: {} })
    expect(intent.rejected.map((r) => [r.part, r.reason])).toEqual([
      ['__proto__', 'JSON key "__proto__" is reserved and dropped'],
      ['constructor', 'JSON key "constructor" is reserved and dropped'],
    ])
    expect(Object.getPrototypeOf(intent.json)).toBe(Object.prototype)
  })

  it('rejects bad JSON with the parser message, and keeps the name', () => {
    const intent = ref('giveaway--[{id: "email", value: "x"}]')
    expect(intent.ref).toBe('giveaway')
    expect(intent.rejected).toMatchObject([{ code: 'invalid-json' }])
    expect(intent.rejected[0].reason).toMatch(/does not parse/)
  })

  it('drops JSON nested past the depth limit', () => {
    const deep = `${'['.repeat(40)}1${']'.repeat(40)}`
    const intent = ref(`g--{"a":${deep}}`)
    expect(intent.rejected).toMatchObject([{ code: 'unsupported-value' }])
  })

  it('keeps null in a JSON object and rejects null as an {id, value} item, without throwing', () => {
    expect(ref('g--{"a":null,"b":[null,{"c":null}]}')).toMatchObject({ json: { a: null, b: [null, { c: null }] }, rejected: [] })
    const items = ref('g--[null,{"id":"k","value":null},{"id":null,"value":"x"},"k",{"id":"ok","value":"1"}]')
    expect(items.fields).toEqual([{ key: 'ok', value: '1' }])
    expect(items.rejected.every((r) => r.code === 'unsupported-value')).toBe(true)
    expect(items.rejected.map((r) => [r.part, r.reason])).toEqual([
      ['null', 'each item of a JSON array must be {"id": string or number, "value": string, number or boolean}'],
      ['{"id":"k","value":null}', '[1].value must be a string, number or boolean'],
      ['{"id":null,"value":"x"}', 'each item of a JSON array must be {"id": string or number, "value": string, number or boolean}'],
      ['"k"', 'each item of a JSON array must be {"id": string or number, "value": string, number or boolean}'],
    ])
  })

  it('keeps booleans and numbers of a JSON object as they are, and reads them as text in the {id, value} form', () => {
    expect(ref('g--{"on":true,"n":-2.5}').json).toEqual({ on: true, n: -2.5 })
    expect(ref('g--[{"id":7,"value":true},{"id":"b","value":0}]').fields).toEqual([
      { key: '7', value: 'true' },
      { key: 'b', value: '0' },
    ])
  })

  it('rejects control characters and placeholders in the {id, value} form, and takes system names to user', () => {
    const intent = ref('g--[{"id":"Email","value":"a@b.co"},{"id":"n","value":"a\\u0000b"},{"id":"m","value":"{{x}}"}]')
    expect(intent.user).toEqual({ email: 'a@b.co' })
    expect(intent.rejected.map((r) => [r.part, r.code, r.reason])).toEqual([
      ['n--a\u0000b', 'control-character', 'value of n holds the control character U+0000'],
      ['m--{{x}}', 'placeholder', 'value of m is an unfilled template placeholder {{x}}'],
    ])
  })
})
