// A value that is an unfilled template placeholder is rejected (docs/entry-links.md, dialect
// `dashed`): mail tools leave them when a merge fails.

// Merge tags a mail tool leaves behind when a merge fails: {{email}}, *|EMAIL|*, %%email%%, [email].
const PLACEHOLDER = /^(\{\{[^{}]*\}\}|\*\|[\w .:-]+\|\*|%%[\w .:-]+%%|\[[\w .:-]+\])$/

/** Whether a value is an unfilled template placeholder. */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value)
}
