import { describe, expect, it } from 'vitest'
import { signatureHeader, verifyWebhook } from '../../../demo/webhooks/verify.ts'

const secret = 'whsec-0123456789abcdef'
const body = '{"id":"evt_1","type":"chat.opened","bot":"demo","contactId":"c_1","at":"2026-12-01T12:00:00.000Z","data":{"start":"welcome"}}'
const t = 1_800_000_000
const now = t * 1000

describe('verifyWebhook', () => {
  it('accepts the signature the sender makes, within the tolerance either way', () => {
    const header = signatureHeader(secret, body, t)
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/)
    expect(verifyWebhook(body, header, secret, { now })).toEqual({ ok: true, t })
    expect(verifyWebhook(body, header, secret, { now: now + 299_000 }).ok).toBe(true)
    expect(verifyWebhook(body, header, secret, { now: now - 299_000 }).ok).toBe(true)
  })

  it('rejects a forged body, signature or secret', () => {
    const header = signatureHeader(secret, body, t)
    expect(verifyWebhook(body.replace('welcome', 'offer'), header, secret, { now })).toEqual({ ok: false, reason: 'mismatch' })
    expect(verifyWebhook(body, header.replace(/v1=./, 'v1=0'), secret, { now })).toEqual({ ok: false, reason: 'mismatch' })
    expect(verifyWebhook(body, signatureHeader('another-secret-123456', body, t), secret, { now })).toEqual({
      ok: false,
      reason: 'mismatch',
    })
    // The timestamp is signed too: moving it forward to get past the tolerance breaks the signature.
    expect(verifyWebhook(body, header.replace(`t=${t}`, `t=${t + 600}`), secret, { now: now + 600_000 })).toEqual({
      ok: false,
      reason: 'mismatch',
    })
    expect(verifyWebhook(body, `t=${t},v1=abc`, secret, { now })).toEqual({ ok: false, reason: 'mismatch' })
  })

  it('rejects a stale or future signature as a replay, with the tolerance that is asked', () => {
    const header = signatureHeader(secret, body, t)
    expect(verifyWebhook(body, header, secret, { now: now + 301_000 })).toEqual({ ok: false, reason: 'stale' })
    expect(verifyWebhook(body, header, secret, { now: now - 301_000 })).toEqual({ ok: false, reason: 'stale' })
    expect(verifyWebhook(body, header, secret, { now: now + 30_000, toleranceSeconds: 10 })).toEqual({ ok: false, reason: 'stale' })
  })

  it('rejects a missing or malformed header', () => {
    expect(verifyWebhook(body, undefined, secret, { now })).toEqual({ ok: false, reason: 'malformed' })
    expect(verifyWebhook(body, '', secret, { now })).toEqual({ ok: false, reason: 'malformed' })
    expect(verifyWebhook(body, 'v1=00', secret, { now })).toEqual({ ok: false, reason: 'malformed' })
    expect(verifyWebhook(body, `t=soon,v1=00`, secret, { now })).toEqual({ ok: false, reason: 'malformed' })
    expect(verifyWebhook(body, 't=,v1=00', secret, { now })).toEqual({ ok: false, reason: 'malformed' })
    expect(verifyWebhook(body, `t=${t}`, secret, { now })).toEqual({ ok: false, reason: 'malformed' })
  })

  it('accepts any of several v1 signatures, as while a secret is rotated', () => {
    const header = `${signatureHeader('the-old-secret-1234567', body, t)},v1=${signatureHeader(secret, body, t).split('v1=')[1]}`
    expect(verifyWebhook(body, header, secret, { now }).ok).toBe(true)
  })
})
