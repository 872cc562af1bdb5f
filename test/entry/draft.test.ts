import { describe, expect, it } from 'vitest'
import { encodeBase64Url } from '../../widget/entry/base64url.ts'
import { type EntryIntent, parseEntryLink } from '../../widget/entry/index.ts'

// The checks every dialect shares (draft.ts), in each place a value or a name comes from.

const at = (query: string) => parseEntryLink(`https://s.example/?${query}`)
const ref = (value: string) => at(`ref=${encodeURIComponent(value)}`)
const bs = (value: string) => at(`bs_ref=${encodeURIComponent(value)}`)
const b64 = (json: unknown) => at(`ref=${encodeBase64Url(JSON.stringify(json))}`)

// [where, link carrying `text`, what the intent keeps, what the reason calls it]
const places: [string, (text: string) => EntryIntent, (intent: EntryIntent) => unknown, string][] = [
  ['a dashed ref', (t) => ref(t), (i) => i.ref, 'entry link name'],
  ['a dashed payload', (t) => ref(`g--${t}`), (i) => i.payload, 'payload'],
  ['a custom field value', (t) => ref(`g--738--${t}`), (i) => i.fields[0]?.value, 'value of 738'],
  ['a custom field name', (t) => bs(`user:${t}:1`), (i) => i.fields[0]?.key, 'custom field name'],
  ['a system attribute', (t) => ref(`g--full name--${t}`), (i) => i.user.full_name, 'full_name'],
  ['a block id', (t) => bs(`block:${t}`), (i) => i.block, 'block id'],
  ['a variable value', (t) => bs(`variables:a:${t}`), (i) => i.variables.a, 'value of a'],
  ['a variable name', (t) => b64({ v: { [t]: '1' } }), (i) => Object.keys(i.variables)[0], 'variable name'],
  ['a Base64 JSON eId', (t) => b64({ eId: t }), (i) => i.externalId, 'eId'],
  ['a Base64 JSON email', (t) => b64({ e: `${t}@b.co` }), (i) => i.user.email, 'email'],
  ['a bot id', (t) => at(`p=${encodeURIComponent(t)}`), (i) => i.bot, 'bot id'],
  ['a JSON payload string', (t) => ref(`g--${JSON.stringify({ s: t })}`), (i) => (i.json as { s?: unknown })?.s, 'json.s'],
]

describe('control characters', () => {
  it.each(places)('are rejected in %s, naming the character', (_where, link, kept, what) => {
    for (const [char, hex] of [
      ['\u0000', '0000'],
      ['\u001f', '001F'],
      ['\u007f', '007F'],
    ]) {
      const intent = link(`a${char}b`)
      expect(kept(intent) ?? null).toBeNull()
      expect(intent.rejected.map((r) => [r.code, r.reason])).toEqual([
        ['control-character', `${what} holds the control character U+${hex}`],
      ])
    }
  })

  // An email with a space or a tilde is no address: that place is checked above only.
  const free = places.filter(([where]) => !where.includes('email'))
  it.each(free)('are the only characters refused in %s: the ones beside them are kept', (_where, link, kept) => {
    for (const text of ['a\u0080b', 'a b', 'a~b', 'añb']) {
      const intent = link(text)
      expect(intent.rejected).toEqual([])
      expect(kept(intent)).toBe(text)
    }
  })
})

describe('names', () => {
  it.each([
    ['user::1', 'custom field name is empty'],
    ['variables::1', 'variable name is empty'],
    ['variables: :1', 'variable name is empty'],
  ])('rejects an empty name in %s', (segment, reason) => {
    const intent = bs(`${segment};variables:kept:1`)
    expect(intent.rejected).toEqual([{ part: segment, code: 'empty-key', reason, param: 'bs_ref' }])
    expect(intent).toMatchObject({ fields: [], variables: { kept: '1' } })
  })

  it('rejects an empty variable name in Base64 JSON', () => {
    expect(b64({ v: { '': 'x', ok: '1' } })).toMatchObject({
      variables: { ok: '1' },
      rejected: [{ part: 'v.:x', code: 'empty-key', reason: 'variable name is empty' }],
    })
  })

  it.each(['__proto__', 'constructor', 'prototype'])('rejects the reserved name %s as a bot id, a field and a variable', (name) => {
    const intent = at(`p=${name}&bs_ref=user:${name}:1;variables:${name}:2;variables:ok:3`)
    expect(intent).toMatchObject({ bot: null, fields: [], variables: { ok: '3' } })
    expect(intent.rejected.map((r) => [r.param, r.code, r.reason])).toEqual([
      ['p', 'reserved-name', `bot id "${name}" is reserved and never used as a name`],
      ['bs_ref', 'reserved-name', `custom field name "${name}" is reserved and never used as a name`],
      ['bs_ref', 'reserved-name', `variable name "${name}" is reserved and never used as a name`],
    ])
    expect(Object.getPrototypeOf(intent.variables)).toBe(Object.prototype)
  })

  it('reads a name that only looks reserved', () => {
    expect(at('p=__proto__x&bs_ref=variables:Constructor:1')).toMatchObject({
      bot: '__proto__x',
      variables: { Constructor: '1' },
      rejected: [],
    })
  })
})

describe('values', () => {
  it('rejects an empty value of a field, a variable or an attribute', () => {
    const intent = bs('user:Source: ;variables:a:;user:email:')
    expect(intent.rejected.map((r) => [r.code, r.reason])).toEqual([
      ['empty-value', 'Source has no value'],
      ['empty-value', 'a has no value'],
      ['empty-value', 'email has no value'],
    ])
  })

  it('stores an attribute normalised, and reports the earlier one when it is set again', () => {
    const intent = bs('user:gender:FEMALE;user:Gender:Male')
    expect(intent.user).toEqual({ gender: 'male' })
    expect(intent.rejected).toEqual([
      {
        part: 'gender=female',
        code: 'overridden',
        reason: 'gender is set again later in the link; the later value is used',
        param: 'bs_ref',
      },
    ])
  })

  it('keeps a custom field set twice twice, in link order', () => {
    expect(bs('user:Source:a;user:Source:b').fields).toEqual([
      { key: 'Source', value: 'a' },
      { key: 'Source', value: 'b' },
    ])
  })

  it('stamps each rejection with the parameter it came from', () => {
    const intent = at(`p=a%01&ref=g--k--%01&bs_ref=block:%01`)
    // A dashed ref beside bs_ref is read first, so its fields come first.
    expect(intent.rejected.map((r) => r.param)).toEqual(['p', 'ref', 'bs_ref'])
  })
})
