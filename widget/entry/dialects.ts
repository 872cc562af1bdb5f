import { decodeBase64Json, encodeBase64Json } from './base64json.ts'
import { decodeDashed, encodeDashed } from './dashed.ts'
import type { Draft } from './draft.ts'
import type { Encoded } from './encodable.ts'
import { decodeSegments, encodeSegments, looksLikeSegments } from './segments.ts'
import type { Dialect, LinkIntent } from './types.ts'

export interface DialectCodec {
  /** Reads a `ref`-style value into the draft; false, touching nothing, when it is not this dialect. */
  decode(raw: string, draft: Draft): boolean
  /** Writes an intent as one parameter value, or says why it cannot. */
  encode(intent: LinkIntent): Encoded
}

/**
 * The dialect table. A `ref` value is tried against each in this order; `dashed` accepts
 * anything and comes last. A new dialect is one file and one line here.
 */
export const DIALECTS: Record<Dialect, DialectCodec> = {
  segments: { decode: (raw, draft) => looksLikeSegments(raw) && decodeSegments(raw, draft), encode: encodeSegments },
  base64json: { decode: decodeBase64Json, encode: encodeBase64Json },
  dashed: { decode: decodeDashed, encode: encodeDashed },
}
