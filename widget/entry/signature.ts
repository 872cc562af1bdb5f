// The text a signed link's HMAC-SHA256 covers (docs/protocol.md, "Signed links"): the decoded
// entry parameters, `exp` included, sorted by name, as JSON so no value can fake a boundary.

/** The exact text to sign for a link's entry parameters. */
export function signingText(params: Record<string, string>): string {
  const names = Object.keys(params).sort()
  return JSON.stringify(names.map((name) => [name, params[name]]))
}
