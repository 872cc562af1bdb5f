import { describe, expect, it } from 'vitest'
import { parseRate, RateLimiter } from '../../../demo/http/rate-limit.ts'

// demo/http/rate-limit.ts: the token buckets and their settings from the environment.
describe('rate limits', () => {
  it.each([
    ['60/20', [60, 20]],
    ['1/0.5', [1, 0.5]],
    ['1200/400', [1200, 400]],
  ])('reads %s', (text, rate) => {
    expect(parseRate('RATE_LIMIT_VISITOR', text, [1, 1])).toEqual(rate)
  })

  it('takes the default when the variable is unset or empty', () => {
    expect(parseRate('RATE_LIMIT_VISITOR', undefined, [60, 20])).toEqual([60, 20])
    expect(parseRate('RATE_LIMIT_VISITOR', '', [60, 20])).toEqual([60, 20])
  })

  it.each(['600', '0/20', '600/0', '1e3/10', ' 60/20', '60/20 ', '60/-1', '60/20/1', '9999999999/1', '60/0.0000001', 'sixty/20'])(
    'refuses %j, naming the variable',
    (text) => {
      expect(() => parseRate('RATE_LIMIT_BOT_API', text, [600, 200])).toThrow(
        `RATE_LIMIT_BOT_API holds "${text}", which is not BURST/PER_SECOND like 60/20: a burst of at least 1, a rate over 0`,
      )
    },
  )

  it('lets a burst through, then one request per refill, and says how long to wait', () => {
    let now = 0
    const limiter = new RateLimiter(2, 1, () => now)
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 1])
    expect(limiter.take('b')).toBe(0)
    now = 1000
    expect([limiter.take('a'), limiter.take('a')]).toEqual([0, 1])
  })

  it('says how long a bucket waits without taking from it', () => {
    let now = 0
    const limiter = new RateLimiter(1, 0.5, () => now)
    expect([limiter.wait('a'), limiter.wait('a')]).toEqual([0, 0])
    expect(limiter.take('a')).toBe(0)
    expect([limiter.wait('a'), limiter.wait('a')]).toEqual([2, 2])
    now = 2000
    expect(limiter.wait('a')).toBe(0)
    expect(limiter.take('a')).toBe(0)
  })
})
