// docs/entry-links.md, "What is rejected, and why": what the decoder accepts before it rejects.

/** Longest value (a field value, an attribute, a payload), in UTF-16 code units. */
export const MAX_VALUE_LENGTH = 1024

/** Longest single address parameter, in UTF-16 code units after decoding. */
export const MAX_PARAM_LENGTH = 8192

/** Most custom fields, and separately most variables, one link may set. */
export const MAX_ENTRIES = 100

/** Deepest nesting kept in a JSON payload: objects and arrays inside one another, the outer one included. */
export const MAX_JSON_DEPTH = 32

/**
 * Largest magnitude of a JSON number a link may carry, 2^53 - 1: beyond it JSON.parse has already
 * rounded the number (12345678901234567890 reads as 12345678901234567000), so it is rejected.
 */
export const MAX_JSON_NUMBER = Number.MAX_SAFE_INTEGER

/** Names that could reach an object's prototype (docs/entry-links.md: rejected wherever a name is taken). */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])
