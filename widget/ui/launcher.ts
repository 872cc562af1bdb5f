import { $panel, $unread, togglePanel } from '../state/panel.ts'
import type { LauncherWords } from './launcher-strings.ts'

const SVG = 'http://www.w3.org/2000/svg'
const CROSS = { d: 'M6 6l12 12M18 6L6 18', stroke: 'currentColor', 'stroke-width': '2.2', 'stroke-linecap': 'round', fill: 'none' }
const BUBBLE = {
  d: 'M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 4v-4h0A2.5 2.5 0 0 1 3 13.5z',
  fill: 'currentColor',
}

/**
 * The round button that opens and closes the chat, with the unread badge. Plain DOM, so that
 * the loader draws it without Preact: the chat's file is loaded only when it is wanted.
 * Unread messages are a number in its label until the chat's file tells it how to say them in
 * words, by the language's plural rules (`speak`).
 * Returns the button, `speak` and the cleanup.
 */
export function drawLauncher(doc: Document, [label, closeLabel]: readonly string[]) {
  let words: LauncherWords | null = null
  const button = doc.createElement('button')
  button.type = 'button'
  button.className = 'launcher'
  button.setAttribute('aria-controls', 'doorway-panel')
  const svg = doc.createElementNS(SVG, 'svg')
  for (const [name, value] of Object.entries({ viewBox: '0 0 24 24', width: '28', height: '28', 'aria-hidden': 'true' }))
    svg.setAttribute(name, value)
  const path = doc.createElementNS(SVG, 'path')
  svg.append(path)
  const badge = doc.createElement('span')
  badge.className = 'badge'
  badge.setAttribute('aria-hidden', 'true')
  button.append(svg)
  button.addEventListener('click', togglePanel)

  const draw = () => {
    const { open } = $panel.get()
    const unread = $unread.get()
    button.setAttribute(
      'aria-label',
      open ? closeLabel : unread > 0 ? (words ? `${label}, ${words.unread(unread)}` : `${label} (${unread})`) : label,
    )
    button.setAttribute('aria-expanded', String(open))
    // Open, the panel's own close button is the one Tab reaches: not two "Close chat" in a row.
    button.tabIndex = open ? -1 : 0
    for (const name of path.getAttributeNames()) path.removeAttribute(name)
    for (const [name, value] of Object.entries(open ? CROSS : BUBBLE)) path.setAttribute(name, value)
    badge.textContent = unread > 9 ? '9+' : String(unread)
    if (unread > 0 && !open) button.append(badge)
    else badge.remove()
  }
  draw()
  const stops = [$panel.listen(draw), $unread.listen(draw)]
  return {
    button,
    speak(told: LauncherWords) {
      words = told
      draw()
    },
    cleanup: () => {
      for (const stop of stops) stop()
    },
  }
}
