import { enqueue } from '../state/outbox.ts'
import { receiptFor } from '../state/receipts.ts'
import { type Platform, randomId } from '../transport/platform.ts'
import type { FieldUpdate, UpdatesResponse } from '../transport/protocol.ts'
import type { Result } from '../transport/transport.ts'
import { commandError } from './api.ts'

const GROUPS = [
  ['fields', 'field'],
  ['user', 'user'],
  ['variables', 'variable'],
] as const

/**
 * `Doorway('set', { fields, user, variables })` read into updates with ids `<id>-<n>`, or the
 * warning that says what is wrong with it: a page's mistake never throws.
 */
export function readSetValues(values: unknown, id: string): FieldUpdate[] | string {
  const updates: FieldUpdate[] = []
  for (const [group, type] of GROUPS) {
    const entries = (values as Record<string, unknown> | null)?.[group]
    if (entries === undefined) continue
    if (typeof entries !== 'object' || entries === null) return `set: ${group} must be an object of names and values`
    for (const [key, value] of Object.entries(entries)) {
      if (typeof value !== 'string' && typeof value !== 'number') return `set: ${group}.${key} must be a string or a number`
      updates.push({ id: `${id}-${updates.length}`, type, key, value: String(value) })
    }
  }
  if (updates.length === 0 || updates.length > 100) return 'set: give 1 to 100 values in fields, user or variables'
  return updates
}

/** One value of `Doorway('set', …)` and what the backend made of it. */
export interface SetResult {
  type: FieldUpdate['type']
  key: string
  value: string
  status: 'stored' | 'rejected'
  code?: string
  message?: string
}

/**
 * What `await Doorway('set', …)` settles with, once the backend answered: every value's result,
 * or an error whose `refusals` are the values it did not store (and `results` all of them).
 */
export function setResults(updates: FieldUpdate[], outcome: Result<unknown>): SetResult[] {
  if (!outcome.ok) throw commandError(outcome.error.code, `set: the backend refused the values: ${outcome.error.message}`)
  const answers = new Map((outcome.value as UpdatesResponse).results.map((result) => [result.id, result]))
  const results = updates.map(({ id, type, key, value }): SetResult => {
    const { status = 'rejected', code, message } = answers.get(id) ?? { code: 'no_result', message: 'the backend said nothing of it' }
    return { type, key, value, status, ...(code && { code }), ...(message && { message }) }
  })
  const refusals = results.filter((result) => result.status !== 'stored')
  if (refusals.length > 0) {
    const said = refusals.map((refusal) => `${refusal.key} (${refusal.message ?? refusal.code})`).join('; ')
    throw commandError('values_refused', `set: the backend did not store ${refusals.length} of ${results.length}: ${said}`, {
      refusals,
      results,
    })
  }
  return results
}

/**
 * `Doorway('set', …)`: the values go through the outbox; the promise settles with setResults
 * once the backend answered. Bad values, or a backend that cannot be reached from this page
 * (its policy, or the backend refusing its origin), reject at once.
 */
export function sendValues(
  values: unknown,
  platform: Platform,
  warn: (message: string) => void,
  blocked: { code: string; message: string } | null,
) {
  const id = randomId(platform, 12)
  const updates = readSetValues(values, id)
  if (typeof updates === 'string') {
    warn(updates)
    throw commandError('invalid_values', updates)
  }
  if (blocked) throw commandError(blocked.code, blocked.message)
  const receipt = receiptFor(id)
  enqueue({ kind: 'updates', id, body: { updates } })
  return receipt.then((outcome) => setResults(updates, outcome))
}
