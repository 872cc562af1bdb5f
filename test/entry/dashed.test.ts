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
