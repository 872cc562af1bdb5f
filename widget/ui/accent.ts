import { THEME_ACCENT } from '../transport/protocol.ts'

// A site's accent colour (data-accent), and what the widget derives from it so that every text
// stays readable (WCAG 2 contrast of at least 4.5:1) whatever colour the site picks.

const WHITE = 1
// Black, not the widget's near-black: for any colour, white or black text reaches 4.58:1 at least.
const BLACK = 0

/** WCAG 2 relative luminance of an `#rrggbb` colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const c = Number.parseInt(hex.slice(at, at + 2), 16) / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** The WCAG 2 contrast ratio of two luminances. */
export const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)

/** `#abc` as `#aabbcc`; anything else as it is. */
const long = (hex: string) => (hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex).toLowerCase()

/** Whether a setting is an accent the widget takes: `#rgb` or `#rrggbb`. */
export const isAccent = (value: string) => THEME_ACCENT.test(value)

/** `#rrggbb` of an accent the widget took (isAccent). */
export const longAccent = long

/** The text colour on an accent surface: white or black, whichever contrasts more (the launcher's icon, the header). */
export function onAccent(accent: string): string {
  const lum = luminance(long(accent))
  return contrast(lum, WHITE) >= contrast(lum, BLACK) ? '#fff' : '#000'
}

/** The widget's accent when neither the site nor the bot file gives one. */
export const DEFAULT_ACCENT = '#1f6feb'
/** The panel's surface in the dark scheme (ui/styles.ts): what the accent as text must read on there. */
export const DARK_SURFACE = '#1c2128'

/**
 * The accent as text on `background` (links, quick replies): darkened on a light one, lightened on
 * a dark one, until it reads at 4.5:1. Used by the chat's file only.
 */
export function accentText(accent: string, background = '#ffffff'): string {
  const hex = long(accent)
  const back = luminance(background)
  const toward = back > 0.5 ? 0 : 255
  let text = hex
  for (let keep = 1; contrast(luminance(text), back) < 4.5 && keep > 0; keep -= 0.05) {
    text = `#${[1, 3, 5]
      .map((at) =>
        Math.round(Number.parseInt(hex.slice(at, at + 2), 16) * keep + toward * (1 - keep))
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')}`
  }
  return text
}
