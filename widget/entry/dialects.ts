import { decodeBase64Json } from './base64json.ts'
import type { Draft } from './draft.ts'
import { decodeSegments, looksLikeSegments } from './segments.ts'
import type { Dialect } from './types.ts'

/**
 * The decoders of a `ref`-style value tried before `dashed`, in this order: each returns
 * false, touching nothing, when the value is not its dialect. `dashed` accepts anything, so
 * parse.ts falls back to it when none of these does. The encoders are a table of their own in
 * build.ts, so the widget's bundle, which only decodes, carries none of them. A new dialect
 * is one file and a line in each table.
 */
export const DECODERS: Record<Exclude<Dialect, 'dashed'>, (raw: string, draft: Draft) => boolean> = {
  segments: (raw, draft) => looksLikeSegments(raw) && decodeSegments(raw, draft),
  base64json: decodeBase64Json,
}
