import { describe, expect, it } from 'vitest'
import { parseEntryLink } from '../../widget/entry/index.ts'

const ref = (value: string) => parseEntryLink(`https://shop.example/?ref=${encodeURIComponent(value)}`)

describe('dashed', () => {
  it('reads a bare name', () => {
    expect(ref('giveaway')).toMatchObject({ dialect: 'dashed', ref: 'giveaway', payload: null, fields: [] })
  })

  it('splits on em dashes too when the value holds no "--"', () => {
    expect(ref('tutorial—456')).toMatchObject({ ref: 'tutorial', payload: '456' })
  })

  it('keeps real dashes in values when "--" separates', () => {
    const intent = ref('promo--first_name--Jean–Luc--city--Saint—Malo')
    expect(intent.user).toEqual({ first_name: 'Jean–Luc' })
    expect(intent.fields).toEqual([{ key: 'city', value: 'Saint—Malo' }])
    expect(intent.rejected).toEqual([])
  })

  it('trims tokens, as the vendor pages print "--id1-- value1"', () => {
    expect(ref('flow--id1-- value1-- id2-- value2').fields).toEqual([
      { key: 'id1', value: 'value1' },
      { key: 'id2', value: 'value2' },
    ])
  })

  it('reads an odd count as payload then pairs, an even count as pairs', () => {
    expect(ref('g--p--a--1')).toMatchObject({ payload: 'p', fields: [{ key: 'a', value: '1' }] })
    expect(ref('g--a--1')).toMatchObject({ payload: null, fields: [{ key: 'a', value: '1' }] })
  })

  it('ignores trailing empty tokens', () => {
    const intent = ref('giveaway----')
    expect(intent).toMatchObject({ ref: 'giveaway', payload: null, rejected: [] })
  })

  it('rejects a pair with an empty key or value, and an empty payload', () => {
    const pairs = ref('g--a----b--2----x')
    // After the name: a, '', b, 2, '', x -> pairs (a, ''), (b, 2), ('', x)
    expect(pairs.rejected.map((r) => [r.code, r.part, r.reason])).toEqual([
      ['empty-value', 'a--', 'a has no value'],
      ['empty-key', '--x', 'the pair with value "x" has no field id or name'],
    ])
    expect(pairs.fields).toEqual([{ key: 'b', value: '2' }])
    expect(ref('g----a--1').rejected).toEqual([
      { part: '', code: 'empty-value', reason: 'the payload after the entry link name is empty', param: 'ref' },
    ])
  })

  it('trims the name and the rest before reading them', () => {
    expect(ref(' g --5')).toMatchObject({ ref: 'g', payload: '5' })
    expect(ref('g-- {"a":1} ')).toMatchObject({ ref: 'g', json: { a: 1 }, rejected: [] })
    expect(ref('g-- {{email}} ').rejected).toMatchObject([{ code: 'placeholder', part: '{{email}}' }])
  })

  it('rejects a placeholder payload before pairs', () => {
    const intent = ref('g--*|EMAIL|*--k--v')
    expect(intent).toMatchObject({ payload: null, fields: [{ key: 'k', value: 'v' }] })
    expect(intent.rejected.map((r) => [r.part, r.code, r.reason])).toEqual([
      ['*|EMAIL|*', 'placeholder', 'payload *|EMAIL|* is an unfilled template placeholder'],
    ])
  })

  it('maps system attribute names in any spelling to user', () => {
    const intent = ref('f--firstName--Ann--LAST NAME--Lee--User_Id--42--Gender--FEMALE')
    expect(intent.user).toEqual({ first_name: 'Ann', last_name: 'Lee', user_id: '42', gender: 'female' })
    expect(intent.fields).toEqual([])
  })

  it('reads an empty name as no ref', () => {
    expect(ref('--456')).toMatchObject({ ref: null, payload: '456' })
  })

  it.each([['{{email}}'], ['*|EMAIL|*'], ['%%email%%'], ['[email]'], ['{{ first_name }}']])(
    'rejects the unfilled placeholder %s',
    (placeholder) => {
      const intent = ref(`f--email--${placeholder}`)
      expect(intent.user).toEqual({})
      expect(intent.rejected).toMatchObject([{ code: 'placeholder', param: 'ref' }])
      expect(ref(`f--${placeholder}`).rejected).toMatchObject([{ code: 'placeholder' }])
    },
  )

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

  it('removes the jsondata suffix only from a longer name', () => {
    expect(ref('jsondata').ref).toBe('jsondata')
    expect(ref('xjsondata').ref).toBe('x')
    expect(ref('orderjsondata--5')).toMatchObject({ ref: 'order', payload: '5' })
  })

  it('names the pair whose value is a placeholder, even without a key', () => {
    expect(ref('g----{{x}}').rejected.map((r) => [r.part, r.reason])).toEqual([
      ['--{{x}}', 'value of a pair is an unfilled template placeholder {{x}}'],
    ])
    expect(ref('g--k--[name]').rejected.map((r) => r.reason)).toEqual(['value of k is an unfilled template placeholder [name]'])
    expect(ref('g--*|EMAIL|*').rejected.map((r) => r.reason)).toEqual(['payload *|EMAIL|* is an unfilled template placeholder'])
  })

  it('reads values that only look like placeholders', () => {
    expect(ref('g--k--{{a}}b').fields).toEqual([{ key: 'k', value: '{{a}}b' }])
    expect(ref('g--k--a[b]').fields).toEqual([{ key: 'k', value: 'a[b]' }])
    expect(ref('g--k--%%a').fields).toEqual([{ key: 'k', value: '%%a' }])
  })

  it('rejects a reserved name as ref', () => {
    expect(ref('__proto__--1')).toMatchObject({
      ref: null,
      payload: '1',
      rejected: [{ part: '__proto__', code: 'reserved-name', reason: 'entry link name "__proto__" is reserved' }],
    })
  })
})
