// CSV as RFC 4180 writes it, for spreadsheets: the people who read the results open it there.

/**
 * A cell that a spreadsheet would run as a formula gets a leading apostrophe, so it is shown as
 * the text it is (OWASP, "CSV Injection"): one that begins with = + - @, also after spaces,
 * control or format characters (U+200B…), which some importers strip before looking, or with
 * a tab or a carriage return. Only text cells: counts are numbers.
 */
export function neutralise(cell: string): string {
  return /^[\s\p{Cc}\p{Cf}]*[=+\-@]|^[\t\r]/u.test(cell) ? `'${cell}` : cell
}

/** A field, quoted when it holds a comma, a quote or a line break, its quotes doubled (RFC 4180, 2.6-2.7). */
function field(cell: string | number): string {
  const text = typeof cell === 'number' ? String(cell) : neutralise(cell)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** Rows as CSV: the header first, each line ended by CRLF (RFC 4180, 2.1-2.3). */
export function toCsv(header: string[], rows: (string | number)[][]): string {
  return [header, ...rows].map((row) => `${row.map(field).join(',')}\r\n`).join('')
}
