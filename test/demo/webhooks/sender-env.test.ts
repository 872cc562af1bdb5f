import { describe, expect, it } from 'vitest'
import { senderSettingsFrom } from '../../../demo/webhooks/sender-env.ts'

describe("the webhook sender's timings from the environment", () => {
  it('reads each variable that is set, and nothing else', () => {
    expect(senderSettingsFrom({})).toEqual({ settings: {} })
    expect(
      senderSettingsFrom({
        WEBHOOK_TIMEOUT_MS: '2500',
        WEBHOOK_RETRY_BASE_MS: '200',
        WEBHOOK_RETRY_MAX_MS: '60000',
        WEBHOOK_GIVE_UP_MS: '3600000',
      }),
    ).toEqual({ settings: { timeoutMs: 2500, baseDelayMs: 200, maxDelayMs: 60_000, maxAgeMs: 3_600_000 } })
  })

  it.each(['0', '-5', '1.5', '1e3', ' 100', '2147483648', '99999999999999999999'])('refuses WEBHOOK_GIVE_UP_MS=%j', (text) => {
    expect(senderSettingsFrom({ WEBHOOK_GIVE_UP_MS: text })).toEqual({
      problem: `WEBHOOK_GIVE_UP_MS holds "${text}", which is not a whole number of milliseconds from 1 to 2147483647`,
    })
  })

  it('refuses a first retry later than the longest', () => {
    expect(senderSettingsFrom({ WEBHOOK_RETRY_MAX_MS: '500' })).toEqual({
      problem: 'WEBHOOK_RETRY_BASE_MS (1000) is over WEBHOOK_RETRY_MAX_MS (500)',
    })
  })
})
