import type { Queries } from '../store/queries.ts'
import type { RateLimit } from './rate-limit.ts'

/** Sweeps about once per this many takes, so the table holds only recent buckets. */
const SWEEP_EVERY = 1000

/**
 * Token buckets kept in the database, for processes that share it: N processes then allow
 * the configured rate, not N times it. Same answers as RateLimiter: 0, or seconds to wait.
 */
export class SharedRateLimit implements RateLimit {
  private takes = 0

  constructor(
    private readonly store: Queries,
    /** Names this limiter's buckets apart from another's (`visitor`, `address`). */
    private readonly prefix: string,
    readonly burst: number,
    readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  async take(key: string): Promise<number> {
    const now = this.now()
    const { allowed, tokens } = await this.store.takeToken(`${this.prefix}:${key}`, this.burst, this.perSecond, now)
    if (++this.takes % SWEEP_EVERY === 0) {
      // A bucket untouched for as long as a refill from empty takes is full again.
      const full = (this.burst / this.perSecond) * 1000
      this.store.forgetBuckets(this.prefix, now - full).catch(() => {})
    }
    return allowed ? 0 : Math.ceil((1 - tokens) / this.perSecond)
  }

  async wait(key: string): Promise<number> {
    const bucket = await this.store.bucket(`${this.prefix}:${key}`)
    if (!bucket) return 0
    const tokens = Math.min(this.burst, bucket.tokens + (Math.max(0, this.now() - bucket.at) / 1000) * this.perSecond)
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / this.perSecond)
  }
}
