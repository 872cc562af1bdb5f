import { $session } from '../state/session.ts'
import { longAccent, onAccent } from '../ui/accent.ts'
import { type Theme, themeOf } from '../ui/theme.ts'

/**
 * Writes the widget's look on its root as custom properties, the site's settings first and the
 * bot file's once the backend told them (ui/theme.ts), and the colour scheme as a class:
 * `scheme-light` or `scheme-dark` when the site chose one, none to follow the visitor's system.
 * Set through the CSSOM, which no style-src governs (docs/security.md, 6). Returns the cleanup.
 */
export function paintTheme(root: HTMLElement, site: Theme & { theme?: string }): () => void {
  if (site.theme && site.theme !== 'auto') root.classList.add(`scheme-${site.theme}`)
  const paint = () => {
    const { accent, radius, font } = themeOf(site, $session.get().bot?.theme)
    const set = (name: string, value: string | undefined) =>
      value === undefined ? root.style.removeProperty(name) : root.style.setProperty(name, value)
    set('--dw-accent', accent && longAccent(accent))
    set('--dw-on-accent', accent && onAccent(accent))
    set('--dw-radius', radius === undefined ? undefined : `${radius}px`)
    set('--dw-font', font)
  }
  paint()
  return $session.listen(paint)
}
