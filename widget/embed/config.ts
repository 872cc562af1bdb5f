/** How the script tag configured the widget (README, "Attributes"). */
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
}

export type ConfigResult = { ok: true; config: EmbedConfig; warnings: string[] } | { ok: false; error: string }

const BOT = /^[A-Za-z0-9_-]{1,64}$/

/**
 * Reads the script tag's data attributes. A bad value is one warning and its default; only a
 * missing bot or backend stops the widget. `p` in the page address names the bot when the tag does not.
 */
export function readConfig(
  script: { dataset: Record<string, string | undefined>; src: string; nonce?: string } | null,
  pageHref: string,
  fallbackLocale: string,
): ConfigResult {
  const data = script?.dataset ?? {}
  const warnings: string[] = []
  let page: URL | null = null
  try {
    page = new URL(pageHref)
  } catch {
    page = null
  }
  const bot = data.bot ?? page?.searchParams.get('p') ?? null
  if (!bot) return { ok: false, error: 'no bot: add data-bot="BOT_ID" to the script tag' }
  if (!BOT.test(bot)) return { ok: false, error: `data-bot "${bot}" is not a bot id (1 to 64 of A-Z a-z 0-9 _ -)` }

  let api: string | null = null
  try {
    // By default the backend is where the script came from.
    api = data.api ? new URL(data.api, pageHref).href.replace(/\/+$/, '') : new URL(script?.src || '', pageHref).origin
  } catch {
    api = null
  }
  if (!api || !/^https?:/.test(api)) return { ok: false, error: `data-api "${data.api ?? ''}" is not an http(s) address of a bot backend` }

  const choose = <T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T => {
    if (value === undefined || value === '') return fallback
    if ((allowed as readonly string[]).includes(value)) return value as T
    warnings.push(`data-${name}="${value}" is not one of ${allowed.join(', ')}; using ${fallback}`)
    return fallback
  }
  const position = choose('position', data.position, ['bottom-right', 'bottom-left'] as const, 'bottom-right')
  const refParams = (data.params ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
  for (const name of refParams)
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(name)) warnings.push(`data-params holds "${name}", which is not a parameter name`)
  return {
    ok: true,
    warnings,
    config: {
      bot,
      api,
      side: position === 'bottom-left' ? 'left' : 'right',
      open: choose('open', data.open, ['auto', 'always', 'never'] as const, 'auto'),
      locale: data.locale || fallbackLocale || 'en',
      refParams: ['ref', ...refParams.filter((name) => /^[A-Za-z0-9_-]{1,32}$/.test(name) && name !== 'ref')],
      nonce: script?.nonce ?? '',
    },
  }
}
