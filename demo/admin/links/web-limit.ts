import { CHANNELS } from '../../../widget/entry/index.ts'

/** Longest web link (widget/entry/channels.ts), which a signed link must keep to as well. */
export const WEB_MAX_LINK = CHANNELS.web.maxLink
