import { describe, expect, it } from 'vitest'
import { parseEntryLink } from '../../widget/entry/index.ts'

const bs = (value: string) => parseEntryLink(`https://example.com/?bs_ref=${encodeURIComponent(value)}`)

describe('segments', () => {
  it('accepts segments in any order, a trailing ";" and empty segments', () => {
    const intent = bs(';variables:color:black;;user:email:a@b.co;block:b1;')
    expect(intent).toMatchObject({ dialect: 'segments', block: 'b1', user: { email: 'a@b.co' }, variables: { color: 'black' } })
    expect(intent.rejected).toEqual([])
  })

  it('rejects an unfilled merge tag as a value, as dashed links do, and keeps the rest', () => {
    const intent = bs(
      'block:b1;user:first_name:{{first_name}};user:Source:*|SOURCE|*;variables:city:%%City%%;user:email:[email];user:last_name:Lee',
    )
    expect(intent).toMatchObject({ block: 'b1', user: { last_name: 'Lee' }, fields: [], variables: {} })
    expect(intent.rejected.map((r) => [r.part, r.code])).toEqual([
      ['user:first_name:{{first_name}}', 'placeholder'],
      ['user:Source:*|SOURCE|*', 'placeholder'],
      ['variables:city:%%City%%', 'placeholder'],
      ['user:email:[email]', 'placeholder'],
    ])
    expect(intent.rejected[0].reason).toBe('value of first_name is an unfilled template placeholder {{first_name}}')
    // A value that only holds braces among other text is a value.
    expect(bs('variables:note:see {{x}} here').variables).toEqual({ note: 'see {{x}} here' })
  })

  it('uses the last block and reports the earlier one', () => {
    const intent = bs('block:first;block:second')
    expect(intent.block).toBe('second')
    expect(intent.rejected).toEqual([
      {
        part: 'block:first',
        code: 'overridden',
        reason: 'a later block segment names another block; the last one is used',
        param: 'bs_ref',
      },
    ])
  })

  it('matches system attributes ignoring case, spaces and underscores', () => {
    const intent = bs('user:FIRST_NAME:Ann;user:Full Name:Ann Lee;user:userid:7;user:Phone:+44 20 7946 0958')
    expect(intent.user).toEqual({ first_name: 'Ann', full_name: 'Ann Lee', user_id: '7', phone: '+44 20 7946 0958' })
  })

  it('keeps custom attribute names as written, trimmed', () => {
    expect(bs('user: Lead Source :Ads').fields).toEqual([{ key: 'Lead Source', value: 'Ads' }])
  })

  it('rejects unknown prefixes and segments without a value', () => {
    const intent = bs('tag:vip;user:email;variables:;block:;hello')
    expect(intent.rejected.map((r) => r.code)).toEqual(['unknown-segment', 'empty-value', 'empty-value', 'empty-value', 'unknown-segment'])
    expect(intent.rejected.every((r) => r.param === 'bs_ref')).toBe(true)
  })

  it('says which part is missing, for a segment with or without a colon', () => {
    const intent = bs('block;USER;variables:a;Tag:vip;hello;:x')
    expect(intent.rejected.map((r) => [r.part, r.code, r.reason])).toEqual([
      ['block', 'empty-value', 'block segment has no block id'],
      ['USER', 'empty-value', 'user segment needs a name and a value: user:NAME:VALUE'],
      ['variables:a', 'empty-value', 'variables segment needs a name and a value: variables:NAME:VALUE'],
      ['Tag:vip', 'unknown-segment', 'unknown segment "tag"; expected block:, user: or variables:'],
      ['hello', 'unknown-segment', 'unknown segment "hello"; expected block:, user: or variables:'],
      [':x', 'unknown-segment', 'unknown segment ""; expected block:, user: or variables:'],
    ])
  })

  it('skips a segment of spaces, and quotes a segment trimmed', () => {
    expect(bs('block:b1; ;\t;').rejected).toEqual([])
    expect(bs(' hello ;  tag:x ').rejected.map((r) => [r.part, r.reason])).toEqual([
      ['hello', 'unknown segment "hello"; expected block:, user: or variables:'],
      ['tag:x', 'unknown segment "tag"; expected block:, user: or variables:'],
    ])
  })

  it('reads prefixes in any case and trims what is around the parts', () => {
    expect(bs(' BLOCK : b1 ; Variables:a: 1 ;USER:Email: a@b.co')).toMatchObject({
      block: 'b1',
      variables: { a: '1' },
      user: { email: 'a@b.co' },
      rejected: [],
    })
  })

  it('keeps everything after the second colon as the value', () => {
    expect(bs('variables:time:10:30;user:Source:a:b:c').variables).toEqual({ time: '10:30' })
    expect(bs('user:Source:a:b:c').fields).toEqual([{ key: 'Source', value: 'a:b:c' }])
  })

  it('rejects an empty value after the name', () => {
    expect(bs('variables:color:').rejected).toMatchObject([{ code: 'empty-value' }])
  })

  it('reads a ref whose first segment has a known prefix as segments', () => {
    expect(parseEntryLink('https://x.example/?ref=user:email:a@b.co').dialect).toBe('segments')
    expect(parseEntryLink('https://x.example/?ref=users--1').dialect).toBe('dashed')
  })

  it('merges a dashed ref beside bs_ref, bs_ref fields last', () => {
    const intent = parseEntryLink('https://x.example/?ref=promo--9--738--a&bs_ref=user:Source:Ads;block:b2')
    expect(intent).toMatchObject({
      dialect: 'segments',
      ref: 'promo',
      payload: '9',
      block: 'b2',
      fields: [
        { key: '738', value: 'a' },
        { key: 'Source', value: 'Ads' },
      ],
    })
    expect(intent.params).toEqual(['bs_ref', 'ref'])
  })

  it('ignores a non-dashed ref beside bs_ref, and says so', () => {
    const intent = parseEntryLink('https://x.example/?ref=eyJlIjoiZW1haWxAZ21haWwuY29tIn0&bs_ref=block:b2')
    expect(intent.user).toEqual({})
    expect(intent.rejected).toMatchObject([{ code: 'ignored-parameter', param: 'ref' }])
  })
})
