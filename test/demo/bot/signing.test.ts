// demo/bot/signing.ts: what a signed link proves, at the exact edges of its expiry.
import { describe, expect, it } from 'vitest'
import { signParams, verifySignature } from '../../../demo/bot/signing.ts'

const SECRET = 'a-signing-secret-of-some-length'
const params = (exp: string) => ({ ref: 'FLOW9--user_id--cust-42', exp })
const check = (exp: string, now: number, sig = signParams(SECRET, params(exp))) => verifySignature(SECRET, sig, params(exp), now)

describe('verifySignature', () => {
  it('accepts a link up to and including the second of its exp, in unix seconds', () => {
    expect(check('1800000000', 1_799_999_999)).toEqual({ ok: true })
    expect(check('1800000000', 1_800_000_000)).toEqual({ ok: true })
    expect(check('1800000000', 1_800_000_000.5)).toMatchObject({ ok: false, code: 'signature_expired' })
    expect(check('1800000000', 1_800_000_001)).toMatchObject({ ok: false, code: 'signature_expired' })
  })

  it('reads exp as seconds: an hour-old link is expired, one valid for an hour is not', () => {
    const now = 1_800_000_000
    expect(check(String(now - 3600), now)).toMatchObject({ code: 'signature_expired' })
    expect(check(String(now + 3600), now)).toEqual({ ok: true })
    expect((check(String(now - 3600), now) as { message: string }).message).toContain('2027-01-15T07:00:00.000Z')
  })

  it('never lets a link without exp, or with a non-number exp, last for ever', () => {
    const sig = signParams(SECRET, { ref: 'FLOW9' })
    expect(verifySignature(SECRET, sig, { ref: 'FLOW9' }, 0)).toMatchObject({ ok: false, code: 'missing_expiry' })
    for (const exp of ['', 'soon', '-1', '1e12', '1234567890123']) {
      expect(check(exp, 0), exp).toMatchObject({ ok: false, code: 'missing_expiry' })
    }
    expect(check('123456789012', 0)).toEqual({ ok: true })
  })

  it('refuses a signature of any other length or content without throwing', () => {
    const good = signParams(SECRET, params('1800000000'))
    for (const sig of [
      '',
      'short',
      good.slice(0, -1),
      `${good}A`,
      `${good.slice(0, -1)}${good.at(-1) === 'A' ? 'B' : 'A'}`,
      'é'.repeat(43),
    ]) {
      expect(check('1800000000', 0, sig), sig).toMatchObject({ ok: false, code: 'invalid_signature' })
    }
  })

  it('refuses every link of a bot without a secret, and a signature made with another secret', () => {
    expect(verifySignature(null, 'x', params('1800000000'), 0)).toMatchObject({ ok: false, code: 'no_secret' })
    expect(verifySignature('', 'x', params('1800000000'), 0)).toMatchObject({ ok: false, code: 'no_secret' })
    const other = signParams('another-secret-of-some-length', params('1800000000'))
    expect(check('1800000000', 0, other)).toMatchObject({ ok: false, code: 'invalid_signature' })
  })

  it('covers every signed parameter: changing any value breaks the signature', () => {
    const sig = signParams(SECRET, params('1800000000'))
    expect(verifySignature(SECRET, sig, { ...params('1800000000'), ref: 'FLOW9--user_id--cust-43' }, 0)).toMatchObject({
      code: 'invalid_signature',
    })
    expect(verifySignature(SECRET, sig, { ...params('1800000000'), p: 'demo' }, 0)).toMatchObject({ code: 'invalid_signature' })
    expect(verifySignature(SECRET, sig, params('1800000001'), 0)).toMatchObject({ code: 'invalid_signature' })
  })

  it('signs what the decoder reads: blank parameters are left out, an old exp and sig are replaced', async () => {
    const { signLink } = await import('../../../demo/bot/signing.ts')
    const { parseEntryLink } = await import('../../../widget/entry/index.ts')
    const link = signLink('https://s.example/?ref=FLOW9&bs_ref=%20&exp=1&sig=old', SECRET, 600, { nowSeconds: 1_800_000_000 })
    const url = new URL(link)
    expect(url.searchParams.getAll('exp')).toEqual(['1800000600'])
    expect(url.searchParams.getAll('sig')).toHaveLength(1)
    const signature = parseEntryLink(link).signature as NonNullable<ReturnType<typeof parseEntryLink>['signature']>
    expect(signature.params).toEqual({ ref: 'FLOW9', exp: '1800000600' })
    expect(verifySignature(SECRET, signature.sig, signature.params, 1_800_000_000)).toEqual({ ok: true })
  })
})
