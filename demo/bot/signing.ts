import { createHmac, timingSafeEqual } from 'node:crypto'
import { signingText } from '../../widget/entry/index.ts'

// Signed links (docs/protocol.md): sig = base64url(HMAC-SHA256(secret, signingText(params))),
// where params are the link's decoded entry parameters with `exp`, unix seconds.

export function signParams(secret: string, params: Record<string, string>): string {
  return createHmac('sha256', secret).update(signingText(params)).digest('base64url')
}

export type SignatureCheck =
  | { ok: true }
  | { ok: false; code: 'no_secret' | 'missing_expiry' | 'signature_expired' | 'invalid_signature'; message: string }

export function verifySignature(
  secret: string | null,
  sig: string,
  params: Record<string, string>,
  nowSeconds = Date.now() / 1000,
): SignatureCheck {
  if (!secret) return { ok: false, code: 'no_secret', message: 'this bot has no signing secret, so no link can be signed for it' }
  const exp = params.exp
  if (exp === undefined || !/^\d{1,12}$/.test(exp))
    return { ok: false, code: 'missing_expiry', message: 'a signed link needs exp, its expiry in unix seconds' }
  const expected = Buffer.from(signParams(secret, params))
  const given = Buffer.from(sig)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, code: 'invalid_signature', message: 'the signature does not match the link' }
  }
  if (Number(exp) < nowSeconds)
    return { ok: false, code: 'signature_expired', message: `the signed link expired at ${new Date(Number(exp) * 1000).toISOString()}` }
  return { ok: true }
}

/** Adds `exp` and `sig` to a link for a bot's secret. */
export function signLink(
  link: string,
  secret: string,
  ttlSeconds: number,
  { names = ['p', 'ref', 'bs_ref'], nowSeconds = Math.floor(Date.now() / 1000) }: { names?: string[]; nowSeconds?: number } = {},
): string {
  const url = new URL(link)
  for (const name of ['sig', 'exp']) url.searchParams.delete(name)
  url.searchParams.set('exp', String(nowSeconds + ttlSeconds))
  const params: Record<string, string> = {}
  // The same values the widget's decoder reads: the first of each name, blank ones skipped.
  for (const name of [...names, 'exp']) {
    const value = url.searchParams.get(name)
    if (value !== null && value.trim() !== '') params[name] = value
  }
  url.searchParams.set('sig', signParams(secret, params))
  return url.href
}
