import type { ChatMessage, ChatOption } from '../../widget/transport/protocol.ts'
import { HttpError } from './http-error.ts'

// A message the bot API posts (docs/bot-api.md): the kinds the widget renders, each checked
// the way the bot file's steps are, so that what reaches the visitor is what the widget draws.

export type BotMessage = Omit<ChatMessage, 'seq' | 'at' | 'from'>

const MAX_TEXT = 2000
const MAX_TITLE = 80
const MAX_SUBTITLE = 200
const MAX_ALT = 300
const MAX_URL = 2000
/** Quick replies wrap, so there may be more of them than of buttons, which stack. */
const MAX_OPTIONS = { quick_replies: 11, buttons: 3, card: 3 } as const
const KEYS: Record<BotMessage['kind'], string[]> = {
  text: ['text'],
  quick_replies: ['text', 'options'],
  buttons: ['text', 'options'],
  image: ['image'],
  card: ['card', 'options'],
}

const refuse = (path: string, problem: string) => new HttpError(400, 'invalid_message', `${path} ${problem}`)

/** Something a person can see: a letter, digit, mark of punctuation or symbol, not only spaces or invisible characters. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u
/** Characters of those classes that show nothing: the Hangul fillers and the blank Braille pattern. */
const FILLERS = /[\u115F\u1160\u3164\uFFA0\u2800]/g
/** Bidi embeddings, overrides and isolates, which could reorder what the panel shows. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/

function text(value: unknown, path: string, max: number): string {
  if (typeof value !== 'string' || !VISIBLE.test(value.replace(FILLERS, '')))
    throw refuse(path, 'must be a string with something visible in it')
  if (BIDI_CONTROLS.test(value)) throw refuse(path, 'holds a bidi control character (U+202A to U+202E, U+2066 to U+2069)')
  if (value.length > max) throw refuse(path, `is ${value.length} characters; the most is ${max}`)
  return value
}

function url(value: unknown, path: string): string {
  const written = text(value, path, MAX_URL)
  let parsed: URL
  try {
    parsed = new URL(written)
  } catch {
    throw refuse(path, `"${written.slice(0, 80)}" is not an absolute URL`)
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw refuse(path, 'must be an http(s) URL')
  if (parsed.username !== '' || parsed.password !== '') throw refuse(path, 'must not hold a user name or password')
  if (written !== written.trim() || /[\s\\]/.test(written)) throw refuse(path, 'must be written without spaces or backslashes')
  // As the URL parser reads it: what is stored is what every browser opens.
  return parsed.href
}

function object(value: unknown, path: string, keys: string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw refuse(path, 'must be an object')
  const unknown = Object.keys(value).find((key) => !keys.includes(key))
  if (unknown !== undefined) throw refuse(`${path}.${unknown}`, `is not a key of it; expected ${keys.join(', ')}`)
  return value as Record<string, unknown>
}

function options(value: unknown, max: number, optional: boolean, links = true): ChatOption[] {
  if (value === undefined && optional) return []
  if (!Array.isArray(value) || (value.length === 0 && !optional)) throw refuse('options', 'must be a non-empty array')
  if (value.length > max) throw refuse('options', `has ${value.length} options; the most is ${max}`)
  return value.map((item, index) => {
    const option = object(item, `options[${index}]`, links ? ['title', 'url'] : ['title'])
    const title = text(option.title, `options[${index}].title`, MAX_TITLE)
    return option.url === undefined ? { index, title } : { index, title, url: url(option.url, `options[${index}].url`) }
  })
}

/** The message of a request body, or a 400 whose message names the part that is wrong. */
export function readBotMessage(body: Record<string, unknown>): BotMessage {
  const kind = body.kind as BotMessage['kind']
  if (!Object.hasOwn(KEYS, kind)) throw refuse('kind', `must be one of ${Object.keys(KEYS).join(', ')}`)
  object(body, '(body)', ['id', 'kind', ...KEYS[kind]])
  switch (kind) {
    case 'text':
      return { kind, text: text(body.text, 'text', MAX_TEXT) }
    // A quick reply answers; only a button or a card's button may open a page, as in bot files.
    case 'quick_replies':
      return { kind, text: text(body.text, 'text', MAX_TEXT), options: options(body.options, MAX_OPTIONS[kind], false, false) }
    case 'buttons':
      return { kind, text: text(body.text, 'text', MAX_TEXT), options: options(body.options, MAX_OPTIONS[kind], false) }
    case 'image': {
      const image = object(body.image, 'image', ['url', 'alt'])
      return { kind, image: { url: url(image.url, 'image.url'), alt: text(image.alt, 'image.alt', MAX_ALT) } }
    }
    case 'card': {
      const card = object(body.card, 'card', ['title', 'subtitle', 'image'])
      const shown: NonNullable<ChatMessage['card']> = { title: text(card.title, 'card.title', MAX_TITLE) }
      if (card.subtitle !== undefined) shown.subtitle = text(card.subtitle, 'card.subtitle', MAX_SUBTITLE)
      if (card.image !== undefined) shown.image = url(card.image, 'card.image')
      return { kind, card: shown, options: options(body.options, MAX_OPTIONS.card, true) }
    }
  }
}
