import { readLook } from './look-settings.ts'
/** How the script tag, the element or mountDoorway's options configured the widget (README, "Attributes"). */
export interface EmbedConfig {
  bot: string
  api: string
  side: 'left' | 'right'
  /** `auto`: open when the link names a flow or block; `always`: open on every page; `never`. */
  open: 'auto' | 'always' | 'never'
  locale: string
  /** More parameter names read like `ref`, e.g. `start`. */
  refParams: string[]
  /** The script tag's nonce, given to the `<style>` of browsers without constructable stylesheets. */
  nonce?: string
  /** `consent="required"`: nothing is stored or sent until `Doorway('consent', true)` (README, "Consent"). */
  consentRequired?: boolean
  /** The site's accent colour, `#rgb` or `#rrggbb` (ui/accent.ts derives readable text from it). */
  accent?: string
  /** The corner radius of the panel and its bubbles, in px (0 to 24). */
  radius?: number
  /** The font list of the widget, checked by THEME_FONT. */
  font?: string
  /** `auto` follows the visitor's prefers-color-scheme; `light` or `dark` is the site's choice. */
  theme?: 'auto' | 'light' | 'dark'
}

export type ConfigResult = { ok: true; config: EmbedConfig; warnings: string[] } | { ok: false; error: string }

/** The settings' names: the script tag's `data-*` attributes, the element's attributes and mountDoorway's options. */
export const SETTINGS = [
  'bot',
  'api',
  'position',
  'open',
  'locale',
  'params',
  'nonce',
  'consent',
  'accent',
  'radius',
  'font',
  'theme',
] as const

/** Where settings came from, to read them by one set of rules. */
export interface SettingsSource {
  /** The values by name (SETTINGS); anything but a string is read as text, a list as its items joined by commas. */
  values: Partial<Record<(typeof SETTINGS)[number], unknown>>
  /** How a setting is written there, for warnings: `data-open` on the script tag, `open` elsewhere. */
  label(name: string): string
  /** Where to add a missing bot, for the error: `the script tag`. */
  place: string
  /** The backend when `api` is not given: the origin the script came from; none for the package. */
  defaultApi?: string
}

const BOT = /^[A-Za-z0-9_-]{1,64}$/
const PARAM = /^[A-Za-z0-9_-]{1,32}$/

/** The script tag's data attributes and nonce; by default the backend is where the script came from. */
export function scriptSettings(
  script: { dataset: Record<string, string | undefined>; src: string; nonce?: string } | null,
  pageHref: string,
) {
  let defaultApi: string | undefined
  try {
    defaultApi = new URL(script?.src || '', pageHref).origin
  } catch {
    defaultApi = undefined
  }
  const values = { ...script?.dataset, nonce: script?.nonce }
  return { values, label: (name: string) => `data-${name}`, place: 'the script tag', defaultApi } satisfies SettingsSource
}

/** mountDoorway's options, named as the script tag's data-* attributes; anything but an object is no options. */
export function optionSettings(options: unknown): SettingsSource {
  return { values: Object(options), label: (name) => name, place: 'the options of mountDoorway' }
}

/**
 * Reads the script tag's data attributes. A bad value is one warning and its default; only a
 * missing bot or backend stops the widget. `p` in the page address names the bot when the tag does not.
 */
export function readConfig(script: Parameters<typeof scriptSettings>[0], pageHref: string, fallbackLocale: string): ConfigResult {
  return readSettings(scriptSettings(script, pageHref), pageHref, fallbackLocale)
}

/** Reads settings from any source by the script tag's rules: the element and mountDoorway's options are read the same way. */
export function readSettings(source: SettingsSource, pageHref: string, fallbackLocale: string): ConfigResult {
  const text = (name: (typeof SETTINGS)[number]): string | undefined => {
    const value = source.values[name]
    // A list reads as its items joined by commas.
    return value === undefined || value === null ? undefined : String(value)
  }
  const { label } = source
  const warnings: string[] = []
  let page: URL | null = null
  try {
    page = new URL(pageHref)
  } catch {
    page = null
  }
  const bot = text('bot') || page?.searchParams.get('p') || null
  if (!bot) return { ok: false, error: `no bot: add ${label('bot')}="BOT_ID" to ${source.place}` }
  if (!BOT.test(bot)) return { ok: false, error: `${label('bot')} "${bot}" is not a bot id (1 to 64 of A-Z a-z 0-9 _ -)` }

  const given = text('api')
  if (!given && !source.defaultApi) return { ok: false, error: `no backend: add ${label('api')}="https://YOUR-BACKEND" to ${source.place}` }
  let api: string | null = null
  try {
    api = given ? new URL(given, pageHref).href.replace(/\/+$/, '') : (source.defaultApi ?? null)
  } catch {
    api = null
  }
  if (!api || !/^https?:/.test(api))
    return { ok: false, error: `${label('api')} "${given ?? ''}" is not an http(s) address of a bot backend` }

  const choose = <T extends string>(name: (typeof SETTINGS)[number], allowed: readonly T[], fallback: T): T => {
    const value = text(name)
    if (value === undefined || value === '') return fallback
    if ((allowed as readonly string[]).includes(value)) return value as T
    warnings.push(`${label(name)}="${value}" is not one of ${allowed.join(', ')}; using ${fallback}`)
    return fallback
  }
  const position = choose('position', ['bottom-right', 'bottom-left'] as const, 'bottom-right')
  const refParams = (text('params') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
  for (const name of refParams) if (!PARAM.test(name)) warnings.push(`${label('params')} holds "${name}", which is not a parameter name`)
  const look = readLook(text, label, warnings)
  return {
    ok: true,
    warnings,
    config: {
      bot,
      api,
      side: position === 'bottom-left' ? 'left' : 'right',
      open: choose('open', ['auto', 'always', 'never'] as const, 'auto'),
      locale: text('locale') || fallbackLocale || 'en',
      refParams: ['ref', ...refParams.filter((name) => PARAM.test(name) && name !== 'ref')],
      nonce: text('nonce') ?? '',
      consentRequired: choose('consent', ['given', 'required'] as const, 'given') === 'required',
      ...look,
      theme: choose('theme', ['auto', 'light', 'dark'] as const, 'auto'),
    },
  }
}
