import { isThemeRadius } from '../transport/protocol.ts'
import { isAccent } from '../ui/accent.ts'
import { isThemeFont, type Theme } from '../ui/theme.ts'

/**
 * The look the site set (README, "Attributes"): data-accent, data-radius and data-font, each one
 * kept only when it matches its pattern, else one warning and the default (or the bot file's).
 */
export function readLook(
  text: (name: 'accent' | 'radius' | 'font') => string | undefined,
  label: (name: string) => string,
  warnings: string[],
) {
  const look: Theme = {}
  const read = <T>(name: 'accent' | 'radius' | 'font', parse: (value: string) => T | undefined, what: string) => {
    const value = text(name)
    if (!value) return undefined
    const parsed = parse(value)
    if (parsed === undefined) warnings.push(`${label(name)}="${value}" is not ${what}; using the default`)
    return parsed
  }
  const accent = read('accent', (value) => (isAccent(value) ? value : undefined), 'a colour like #1f6feb')
  const radius = read(
    'radius',
    (value) => (/^\d{1,2}$/.test(value) && isThemeRadius(+value) ? +value : undefined),
    'a number of px from 0 to 24',
  )
  const font = read('font', (value) => (isThemeFont(value) ? value : undefined), 'a list of font names')
  if (accent !== undefined) look.accent = accent
  if (radius !== undefined) look.radius = radius
  if (font !== undefined) look.font = font
  return look
}
