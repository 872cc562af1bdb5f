import { HttpError } from './http-error.ts'

/** A token bucket per key: `take` answers 0 when the request may go on, else the seconds to wait. */
export interface RateLimit {
  take(key: string): Promise<number>
  /** The seconds until `key` has a token, 0 when it has one now; takes nothing. */
  wait(key: string): Promise<number>
}

/** A token bucket per key, in this process's memory: `burst` requests at once, refilled at `perSecond`. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()

  constructor(
    readonly burst: number,
    readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token; returns 0 when allowed, else the seconds to wait. */
  take(key: string): number {
    const now = this.now()
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now }
    bucket.tokens = this.level(bucket, now)
    bucket.at = now
    this.buckets.set(key, bucket)
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      return 0
    }
    if (this.buckets.size > 50_000) this.sweep(now)
    return this.waitFor(bucket.tokens)
  }

  /** The seconds until `key` has a token, 0 when it has one now; takes nothing. */
  wait(key: string): number {
    const bucket = this.buckets.get(key)
    return bucket ? this.waitFor(this.level(bucket, this.now())) : 0
  }

  /** The tokens a bucket holds at `now`, refilled since it was last written. */
  private level(bucket: { tokens: number; at: number }, now: number): number {
    return Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond)
  }

  /** The seconds until a bucket holding `tokens` has a whole one: 0 when it has. */
  private waitFor(tokens: number): number {
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / this.perSecond)
  }

  /** Forgets full buckets, so memory stays bounded under many keys. */
  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (this.level(bucket, now) >= this.burst) this.buckets.delete(key)
    }
  }
}

/**
 * Reads "BURST/PER_SECOND" (e.g. "60/20") from the variable `name` of the environment, or
 * `fallback` when it is unset; anything else is refused, naming the variable.
 */
export function parseRate(name: string, text: string | undefined, fallback: [number, number]): [number, number] {
  if (text === undefined || text === '') return fallback
  const match = /^(\d{1,9})\/(\d{1,9}(?:\.\d{1,6})?)$/.exec(text)
  const rate: [number, number] = [Number(match?.[1]), Number(match?.[2])]
  if (!match || rate[0] < 1 || rate[1] <= 0)
    throw new RangeError(`${name} holds "${text}", which is not BURST/PER_SECOND like 60/20: a burst of at least 1, a rate over 0`)
  return rate
}

/** Refuses the request with 429 and `Retry-After` when a limiter asked it to wait. */
export function refuseIfLimited(wait: number, who: string): void {
  if (wait > 0)
    throw new HttpError(429, 'rate_limited', `too many requests from ${who}; retry in ${wait} s`, { 'Retry-After': String(wait) })
}
