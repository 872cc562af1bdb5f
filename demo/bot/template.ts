// `{{name}}` and `{{name|fallback}}` in bot messages. A value is inserted as plain text and
// never read as a template again, so a visitor who types "{{email}}" sees exactly that.

export type Lookup = (name: string) => string | undefined

const PLACEHOLDER = /\{\{\s*([^{}|]+?)\s*(?:\|([^{}]*))?\}\}/g

export function renderTemplate(text: string, lookup: Lookup): string {
  return text.replace(PLACEHOLDER, (_match, name: string, fallback: string | undefined) => lookup(name) ?? fallback ?? '')
}
