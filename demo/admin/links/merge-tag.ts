// A merge tag goes into the link as typed, for the mail tool to find. When the mail tool leaves
// it unfilled (a contact without the value, a merge that failed), the tag itself reaches the
// decoder, which refuses it as a placeholder (widget/entry/placeholders.ts). That holds only if
// the tag, read as part of the address, stays one value that reads back as itself: a character
// that ends the value, starts another parameter or the hash, splits the dialect's pieces, or is
// read as an escape would turn an unfilled tag into other values (`{{a--user_id--victim}}`).

/** What each character would do in the link, when the tag is left unfilled. */
const BREAKS: [pattern: RegExp, what: string][] = [
  [/&/, '"&" starts another parameter'],
  [/#/, '"#" ends the query: what follows would never reach the widget'],
  [/\?/, '"?" is read as part of the address, not of the value'],
  [/=/, '"=" is read as part of the address, not of the value'],
  [/\+/, '"+" is read as a space'],
  [/--/, '"--" separates the values of a dashed link'],
  [/;/, '";" separates the segments of a segments link'],
  [/["']/, 'quotes are encoded by browsers'],
  [/`/, '"`" is not allowed in an address (RFC 3986), so mail tools encode it'],
  [/[<>]/, '"<" and ">" are encoded by browsers and mail tools'],
  [/\\/, '"\\" is encoded by browsers'],
]

/** White space other than a plain space, and control characters. */
const OTHER_SPACE = /[\s\p{Cc}]/u

// %%NAME%% tags (Marketing Cloud, Pardot) use "%" as their delimiters; anywhere else, and before
// two hex digits even there (`%%ab%%` holds `%ab`), a "%" is read as an escaped byte.
const PERCENT_DELIMITERS = /^%%(.*)%%$/s

/**
 * Why a merge tag cannot go into a link as typed, naming the character, or null when it can.
 * The tag is already known to read as a placeholder (isPlaceholder).
 */
export function mergeTagProblem(tag: string): string | null {
  // A space is kept as typed (HubSpot's `{{ contact.firstname }}`): unfilled, browsers send it
  // as %20, which the decoder reads back as a space: the tag reads back as typed.
  // Checked as typed, spaces included: `{{a - - b}}` holds no "--".
  for (const [pattern, what] of BREAKS) {
    const found = tag.match(pattern)
    if (found) return `a merge tag cannot hold ${describe(found[0])}: ${what} when the mail tool leaves the tag unfilled`
  }
  const space = tag.replace(/ /g, '').match(OTHER_SPACE)
  if (space)
    return `a merge tag cannot hold ${describe(space[0])}: only plain spaces are kept as typed when the mail tool leaves the tag unfilled`
  const inside = PERCENT_DELIMITERS.exec(tag)?.[1] ?? tag
  if (inside.includes('%') || /%[0-9A-Fa-f]{2}/.test(tag))
    return 'a merge tag cannot hold "%": it is read as an escaped character when the mail tool leaves the tag unfilled (a %%NAME%% tag keeps its %%, unless NAME starts with two hex digits)'
  return null
}

function describe(found: string): string {
  if (/^\s$/.test(found)) return found === '\t' ? 'a tab' : 'a line break or other white space'
  if (/\p{Cc}/u.test(found)) return 'a control character'
  return `"${found}"`
}
