import { DEFAULT_SENDER_SETTINGS, type SenderSettings } from './sender.ts'

// The webhook sender's timings for `npm run demo`, from the environment (docs/webhooks.md).

/** The longest delay a timer can hold: Node runs a longer one after 1 ms. */
const MAX_TIMER_MS = 2_147_483_647

const NAMES: [name: string, key: keyof SenderSettings][] = [
  ['WEBHOOK_TIMEOUT_MS', 'timeoutMs'],
  ['WEBHOOK_RETRY_BASE_MS', 'baseDelayMs'],
  ['WEBHOOK_RETRY_MAX_MS', 'maxDelayMs'],
  ['WEBHOOK_GIVE_UP_MS', 'maxAgeMs'],
]

/** The settings the environment sets, or the first problem, naming the variable. */
export function senderSettingsFrom(env: NodeJS.ProcessEnv): { settings: Partial<SenderSettings> } | { problem: string } {
  const settings: Partial<SenderSettings> = {}
  for (const [name, key] of NAMES) {
    const text = env[name]
    if (text === undefined || text === '') continue
    const value = Number(text)
    if (!/^\d+$/.test(text) || value < 1 || value > MAX_TIMER_MS)
      return { problem: `${name} holds "${text}", which is not a whole number of milliseconds from 1 to ${MAX_TIMER_MS}` }
    settings[key] = value
  }
  const merged = { ...DEFAULT_SENDER_SETTINGS, ...settings }
  if (merged.baseDelayMs > merged.maxDelayMs)
    return { problem: `WEBHOOK_RETRY_BASE_MS (${merged.baseDelayMs}) is over WEBHOOK_RETRY_MAX_MS (${merged.maxDelayMs})` }
  return { settings }
}
