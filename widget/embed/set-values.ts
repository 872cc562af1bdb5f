import type { FieldUpdate } from '../transport/protocol.ts'

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
