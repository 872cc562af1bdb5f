import { describe, expect, it } from 'vitest'
import { emptyForm } from '../../../demo/admin/links/builder-form.ts'
import { channelLinks } from '../../../demo/admin/links/channel-links.ts'
import type { Channel } from '../../../widget/entry/index.ts'

// The builder writes the web link's entry parameters itself; one already in the typed address
// would ride along in the link (an old signature, a second ref).
const targets = (web: string) => ({ ...emptyForm('demo', '').targets, web }) as Record<Channel, string>
const webOf = (address: string) => channelLinks({ ref: 'FLOW9' }, [], targets(address), {})[0]

describe('the web page address', () => {
  it.each([
    ['http://x/?sig=abc&exp=1&ref=giveaway', /remove ref=, sig=, exp= from the address/],
    ['https://shop.example/?sig=abc&exp=1', /remove sig=, exp= from the address/],
    ['https://shop.example/?utm_source=mail&exp=9', /remove exp= from the address/],
    ['https://shop.example/?bs_ref=block:x', /remove bs_ref= from the address/],
    ['https://shop.example/?p=demo', /remove p= from the address/],
    // As the widget reads it: an escaped name is the same parameter.
    ['https://shop.example/?%73ig=abc', /remove sig= from the address/],
  ])('refuses %s next to the address, naming what to remove', (address, message) => {
    const web = webOf(address)
    expect(web.ok).toBe(false)
    if (!web.ok) {
      expect(web.targetProblem).toMatch(message)
      expect(web.reasons).toEqual([])
    }
  })

  it('keeps other parameters and the hash', () => {
    const web = webOf('https://shop.example/?utm_source=mail&signature=x#top')
    expect(web.ok && web.link).toBe('https://shop.example/?utm_source=mail&signature=x&ref=FLOW9#top')
  })

  it('leaves an address that is none to the codec', () => {
    const web = webOf('shop.example/?sig=1')
    expect(web.ok || web.targetProblem).toMatch(/full http\(s\) address/)
  })
})
