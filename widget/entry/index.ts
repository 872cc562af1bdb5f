export { normaliseAttribute, systemAttribute } from './attributes.ts'
export { buildEntryLink } from './build.ts'
export { CHANNELS } from './channels.ts'
export { MAX_ENTRIES, MAX_JSON_DEPTH, MAX_PARAM_LENGTH, MAX_VALUE_LENGTH, RESERVED_NAMES } from './limits.ts'
export { DEFAULT_PARAMS, parseEntryLink } from './parse.ts'
export { withoutParams } from './query.ts'
export { signingText } from './signature.ts'
export type {
  BuildIssue,
  BuildResult,
  Channel,
  Dialect,
  EntryIntent,
  EntryParams,
  EntrySignature,
  FieldUpdate,
  LinkIntent,
  LinkTarget,
  ParseOptions,
  Rejection,
  RejectionCode,
  SystemAttribute,
} from './types.ts'
