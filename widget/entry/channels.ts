import type { Channel, Dialect } from './types.ts'

export type LinkBase = { ok: true; address: string; hash?: string } | { ok: false; message: string }

/** What one channel allows (docs/entry-links.md, "Building links per channel", with the platforms' own documentation as sources). */
export interface ChannelRule {
  /** The parameter that carries the entry value. */
  param: string
  /** Dialects in the order the builder tries them. */
  dialects: Dialect[]
  /** Characters the value may hold, when the platform restricts them. */
  charset?: { pattern: RegExp; text: string }
  /** Longest value the platform accepts. */
  maxValue?: number
  /** Longest whole link. */
  maxLink: number
  /** Checks who the link reaches and returns the link's address without the query. */
  base(to: string): LinkBase
  /** Said with every link of this channel. */
  warning?: string
}

const handle = (pattern: RegExp, what: string, address: (to: string) => string) => (to: string) =>
  pattern.test(to) ? ({ ok: true, address: address(to) } as const) : ({ ok: false, message: what } as const)

// WhatsApp: full international form, digits only, no +, leading zeros, brackets or dashes.
const INTERNATIONAL_DIGITS = /^[1-9]\d{6,14}$/
const PREFILL = 'this channel only prefills a message: nothing reaches the bot unless the visitor sends it, and they may edit it first'

export const CHANNELS: Record<Channel, ChannelRule> = {
  // Meta, m.me links: ref "must be URL-encoded"; 2,083 characters is the longest link browsers keep.
  messenger: {
    param: 'ref',
    dialects: ['dashed', 'segments', 'base64json'],
    maxLink: 2083,
    base: handle(/^[A-Za-z0-9.]{1,100}$/, 'a Messenger page is its id or username: letters, digits and dots', (to) => `https://m.me/${to}`),
  },
  // Meta, ig.me links: "Only alphanumeric characters, and -, _, = are supported".
  instagram: {
    param: 'ref',
    dialects: ['dashed', 'base64json'],
    charset: { pattern: /^[A-Za-z0-9_=-]*$/, text: 'letters, digits, "-", "_" and "="' },
    maxLink: 2083,
    base: handle(
      /^[A-Za-z0-9._]{1,30}$/,
      'an Instagram username is 1 to 30 letters, digits, dots and underscores',
      (to) => `https://ig.me/m/${to}`,
    ),
  },
  // WhatsApp Help Center, click to chat.
  whatsapp: {
    param: 'text',
    dialects: ['dashed', 'segments', 'base64json'],
    maxLink: 2000,
    base: handle(
      INTERNATIONAL_DIGITS,
      'a WhatsApp number is written in full international form, digits only, without +, leading zeros, brackets or dashes',
      (to) => `https://wa.me/${to}`,
    ),
    warning: PREFILL,
  },
  // core.telegram.org/bots/features#deep-linking: A-Z a-z 0-9 _ -, at most 64 characters.
  telegram: {
    param: 'start',
    dialects: ['dashed', 'base64json'],
    charset: { pattern: /^[A-Za-z0-9_-]*$/, text: 'letters, digits, "_" and "-"' },
    maxValue: 64,
    maxLink: 2000,
    base: handle(
      /^[A-Za-z][A-Za-z0-9_]{3,31}$/,
      'a Telegram bot username is 4 to 32 letters, digits and underscores, starting with a letter',
      (to) => `https://t.me/${to}`,
    ),
  },
  // Viber deep links: "no length limit (up to URL length limit)".
  viber: {
    param: 'context',
    dialects: ['dashed', 'segments', 'base64json'],
    maxLink: 2000,
    base: handle(/^[A-Za-z0-9._-]{1,100}$/, 'a Viber chat URI is letters, digits, ".", "_" and "-"', (to) => `viber://pa?chatURI=${to}`),
  },
  // Ours: full UTF-8, percent-encoded; keep the whole link within 2,000 characters.
  web: {
    param: 'ref',
    dialects: ['dashed', 'segments', 'base64json'],
    maxLink: 2000,
    base: webBase,
  },
  // RFC 5724: unreserved or percent-encoded only; a space is %20, never +.
  sms: {
    param: 'body',
    dialects: ['dashed', 'segments', 'base64json'],
    maxLink: 2000,
    base: handle(/^\+?[1-9]\d{6,14}$/, 'an SMS number is written in international form: an optional + and digits', (to) => `sms:${to}`),
    warning: PREFILL,
  },
}

function webBase(to: string): LinkBase {
  let url: URL
  try {
    url = new URL(to)
  } catch {
    return { ok: false, message: 'a web chat link needs the full http(s) address of a page with the widget' }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: 'a web chat link needs an http or https address' }
  }
  for (const name of ['ref', 'bs_ref', 'p']) {
    if (url.searchParams.has(name)) return { ok: false, message: `the page address already has a ${name} parameter` }
  }
  const hash = url.hash
  url.hash = ''
  return { ok: true, address: url.href, hash }
}
