import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { accentText, contrast, DARK_SURFACE, isAccent, longAccent, onAccent } from '../../widget/ui/accent.ts'
import { themeOf } from '../../widget/ui/theme.ts'

const accentProperties = (accent: string) => ({
  '--dw-accent': longAccent(accent),
  '--dw-on-accent': onAccent(accent),
  '--dw-accent-text': accentText(accent),
})

const lum = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const c = Number.parseInt(hex.slice(at, at + 2), 16) / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

describe('a site’s accent', () => {
  it('takes #rgb and #rrggbb only', () => {
    expect(['#1f6feb', '#FFF', '#abc'].map(isAccent)).toEqual([true, true, true])
    expect(['1f6feb', '#12345', 'red', '#1f6febaa', 'url(x)', ''].map(isAccent)).toEqual([false, false, false, false, false, false])
  })

  it('keeps the default blue as it is, with white text on it', () => {
    expect(accentProperties('#1f6feb')).toEqual({ '--dw-accent': '#1f6feb', '--dw-on-accent': '#fff', '--dw-accent-text': '#1f6feb' })
  })

  it('puts black text on a light accent, and darkens it for text on white', () => {
    const yellow = accentProperties('#FD3')
    expect(yellow['--dw-accent']).toBe('#ffdd33')
    expect(yellow['--dw-on-accent']).toBe('#000')
    expect(contrast(lum(yellow['--dw-accent-text']), 1)).toBeGreaterThanOrEqual(4.5)
  })

  it('reaches 4.5:1 for the text on the accent and for the accent as text on white, whatever the colour', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffff }), (rgb) => {
        const properties = accentProperties(`#${rgb.toString(16).padStart(6, '0')}`)
        const on = properties['--dw-on-accent'] === '#fff' ? 1 : 0
        expect(contrast(lum(properties['--dw-accent']), on)).toBeGreaterThanOrEqual(4.5)
        expect(contrast(lum(properties['--dw-accent-text']), 1)).toBeGreaterThanOrEqual(4.5)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('the accent in the dark scheme', () => {
  it('is lightened until it reads at 4.5:1 on the dark surface, and kept when it already does', () => {
    expect(accentText('#ffd33d', DARK_SURFACE)).toBe('#ffd33d')
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffff }), (n) => {
        const accent = `#${n.toString(16).padStart(6, '0')}`
        expect(contrast(lum(accentText(accent, DARK_SURFACE)), lum(DARK_SURFACE))).toBeGreaterThanOrEqual(4.5)
      }),
    )
  })
})

describe("the site's look and the bot's", () => {
  it("takes the site's settings first, the bot's where the site set none, and none that does not match", () => {
    expect(themeOf({ accent: '#111' }, { accent: '#222', radius: 4, font: 'Inter' })).toEqual({ accent: '#111', radius: 4, font: 'Inter' })
    expect(themeOf({ radius: 0 }, { radius: 20 })).toEqual({ accent: undefined, radius: 0, font: undefined })
    const hostile = { accent: 'red', radius: 99, font: 'x;}body{display:none' } as unknown as Parameters<typeof themeOf>[1]
    expect(themeOf({}, hostile)).toEqual({ accent: undefined, radius: undefined, font: undefined })
    expect(themeOf({}, undefined)).toEqual({ accent: undefined, radius: undefined, font: undefined })
  })
})
