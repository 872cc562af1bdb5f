import { describe, expect, it } from 'vitest'
import { claimLink } from '../../widget/page/applied-links.ts'
import { fakePlatform } from '../fake-platform.ts'

const key = (name: string) => `doorway:demo:${name}`
const QUERY = '?p=demo&ref=FLOW9--email--ann%40example.com--account_id--42'

describe('claimLink', () => {
  it('claims a link once in 30 minutes, then again', async () => {
    const fake = fakePlatform()
    expect(claimLink(fake.platform, key, QUERY)).toBe(true)
    await fake.advance(29 * 60 * 1000)
    expect(claimLink(fake.platform, key, QUERY)).toBe(false)
    expect(claimLink(fake.platform, key, '?ref=giveaway--1')).toBe(true)
    await fake.advance(60 * 1000 + 1)
    expect(claimLink(fake.platform, key, QUERY)).toBe(true)
  })

  it('keeps a salted hash of the query, never the query', () => {
    const fake = fakePlatform()
    claimLink(fake.platform, key, QUERY)
    const stored = JSON.stringify([...fake.store])
    for (const piece of ['ann', 'example', 'FLOW9', 'account_id', 'ref=']) expect(stored).not.toContain(piece)
    const applied = JSON.parse(fake.store.get(key('applied')) as string)
    expect(Object.keys(applied)).toEqual([expect.stringMatching(/^[0-9a-f]{16}$/)])
    // Another browser has another salt: the same link hashes differently there.
    const other = fakePlatform()
    other.platform.randomBytes = (length) => new Uint8Array(length).fill(7)
    claimLink(other.platform, key, QUERY)
    expect(other.store.get(key('salt'))).not.toBe(fake.store.get(key('salt')))
    expect(Object.keys(JSON.parse(other.store.get(key('applied')) as string))).not.toEqual(Object.keys(applied))
  })

  it('drops what earlier versions kept (the query itself), and expired entries', async () => {
    const fake = fakePlatform()
    await fake.advance(31 * 60 * 1000)
    fake.store.set(key('applied'), JSON.stringify({ [QUERY]: fake.platform.now(), '00000000deadbeef': 1 }))
    expect(claimLink(fake.platform, key, '?ref=giveaway--1')).toBe(true)
    const applied = JSON.parse(fake.store.get(key('applied')) as string)
    expect(Object.keys(applied)).toHaveLength(1)
    expect(JSON.stringify(applied)).not.toContain('ann')
  })

  it('forgets a damaged memory rather than failing', () => {
    const fake = fakePlatform()
    fake.store.set(key('applied'), '{not json')
    expect(claimLink(fake.platform, key, QUERY)).toBe(true)
    expect(claimLink(fake.platform, key, QUERY)).toBe(false)
  })
})
