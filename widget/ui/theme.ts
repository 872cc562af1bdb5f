import { type BotTheme, isThemeRadius, THEME_ACCENT, THEME_FONT } from '../transport/protocol.ts'

/** The look the widget is drawn with: each part the site's (data-* attributes), else the bot file's, else the default. */
export interface Theme {
  accent?: string
  radius?: number
  font?: string
}

/** Whether a value is a font list the widget takes (THEME_FONT): never url() or a second declaration. */
export const isThemeFont = (value: unknown): value is string => typeof value === 'string' && THEME_FONT.test(value)

/**
 * The site's settings, each one filled from the bot's theme when the site set none. The bot's
 * comes over the network: a part that does not match its pattern is left out.
 */
export function themeOf(site: Theme, bot: BotTheme | undefined): Theme {
  const { accent, radius, font } = bot ?? {}
  return {
    accent: site.accent ?? (typeof accent === 'string' && THEME_ACCENT.test(accent) ? accent : undefined),
    radius: site.radius ?? (isThemeRadius(radius) ? radius : undefined),
    font: site.font ?? (isThemeFont(font) ? font : undefined),
  }
}
