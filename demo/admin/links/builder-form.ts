import type { Channel, Dialect } from '../../../widget/entry/index.ts'
import { CHANNELS } from '../../../widget/entry/index.ts'

// The link builder's form, as the marketer fills it in: strings as typed, checked by check-form.ts.

export type ValueKind = 'field' | 'user' | 'variable'

/** One value the link sets: a custom field, a system attribute or a variable of the bot. */
export interface ValueRow {
  /** Stable across edits, for the inputs' ids. */
  id: number
  kind: ValueKind
  /** The field's id, the attribute's or the variable's name; '' until one is picked. */
  name: string
  value: string
  /** The value is a merge tag (`{{email}}`) a mail tool fills in before sending. */
  merge: boolean
}

export interface BuilderForm {
  bot: string
  /** `link:NAME`, `block:NAME`, or '' for the bot's default block. */
  start: string
  payload: string
  values: ValueRow[]
  dialect: Dialect | 'auto'
  /** Who each channel's link reaches, as typed. */
  targets: Record<Channel, string>
  /** Writes `p=BOT` in the web link, so that the widget of another bot ignores it. */
  nameBot: boolean
  sign: boolean
  /** The signed link's life, in hours. */
  ttlHours: string
}

/** The channels in the order the page shows them: the web chat first. */
export const CHANNEL_ORDER: Channel[] = ['web', 'messenger', 'instagram', 'whatsapp', 'telegram', 'viber', 'sms']

export const CHANNEL_NAMES: Record<Channel, string> = {
  web: 'Web page with the widget',
  messenger: 'Messenger',
  instagram: 'Instagram',
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  viber: 'Viber',
  sms: 'SMS',
}

/** What each channel's "to" is, for its label. */
export const TARGET_LABELS: Record<Channel, string> = {
  web: 'Address of the page with the widget',
  messenger: 'Facebook page id or username',
  instagram: 'Instagram username',
  whatsapp: 'WhatsApp number, international digits only',
  telegram: 'Telegram bot username',
  viber: 'Viber chat URI',
  sms: 'SMS number, international form',
}

export const DIALECTS: (Dialect | 'auto')[] = ['auto', 'dashed', 'segments', 'base64json']

export function emptyForm(bot: string, webPage: string): BuilderForm {
  const targets = Object.fromEntries(Object.keys(CHANNELS).map((channel) => [channel, ''])) as Record<Channel, string>
  targets.web = webPage
  return { bot, start: '', payload: '', values: [], dialect: 'auto', targets, nameBot: false, sign: false, ttlHours: '72' }
}
