import { createHmac, timingSafeEqual } from 'node:crypto'

// The signature of a webhook delivery (docs/webhooks.md, "Checking a delivery"): Stripe's scheme,
// `Doorway-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<exact body>">`.

/** How old a delivery's timestamp may be, in seconds, before a receiver refuses it as a replay. */
export const DEFAULT_TOLERANCE_SECONDS = 300

/** The `Doorway-Signature` header of `body` signed with `secret` at `t` (unix seconds). */
export function signatureHeader(secret: string, body: string, t: number): string {
  return `t=${t},v1=${hmac(secret, `${t}.${body}`)}`
}

export type VerifyResult = { ok: true; t: number } | { ok: false; reason: 'malformed' | 'stale' | 'mismatch' }

/**
 * What a receiver runs on each delivery: is `header` a signature of the exact `body` with
 * `secret`, made within `toleranceSeconds` of `now` (ms)? A forged body or signature is a
 * `mismatch`; one replayed later than the tolerance is `stale`.
 */
export function verifyWebhook(
  body: string,
  header: string | undefined,
  secret: string,
  { toleranceSeconds = DEFAULT_TOLERANCE_SECONDS, now = Date.now() }: { toleranceSeconds?: number; now?: number } = {},
): VerifyResult {
  const parts = (header ?? '').split(',').map((part) => part.trim())
  // The timestamp as written is what was signed.
  const written = parts.find((part) => part.startsWith('t='))?.slice(2) ?? ''
  const signatures = parts.filter((part) => part.startsWith('v1=')).map((part) => part.slice(3))
  if (!/^\d{1,12}$/.test(written) || signatures.length === 0) return { ok: false, reason: 'malformed' }
  const t = Number(written)
  if (Math.abs(now / 1000 - t) > toleranceSeconds) return { ok: false, reason: 'stale' }
  const expected = Buffer.from(hmac(secret, `${written}.${body}`))
  // Constant time, so the answer's timing tells a forger nothing; any v1 may match (a secret being rotated).
  const matches = signatures.some((given) => given.length === expected.length && timingSafeEqual(Buffer.from(given), expected))
  return matches ? { ok: true, t } : { ok: false, reason: 'mismatch' }
}

function hmac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex')
}
