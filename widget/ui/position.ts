import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom'

/** Viewports narrower than this show the panel full screen instead of floating it. */
export const NARROW_VIEWPORT = 480

/**
 * Keeps the panel beside the launcher: above it, flipping below and shifting sideways to
 * stay on screen. Its CSS keeps it within the viewport's height and width. The only
 * floating-ui caller.
 */
export function placePanel(launcher: HTMLElement, panel: HTMLElement, side: 'left' | 'right'): () => void {
  return autoUpdate(launcher, panel, () => {
    computePosition(launcher, panel, {
      strategy: 'fixed',
      placement: side === 'left' ? 'top-start' : 'top-end',
      middleware: [offset(12), flip({ padding: 8 }), shift({ padding: 8 })],
    }).then(({ x, y, placement }) => {
      panel.style.left = `${x}px`
      panel.style.top = `${y}px`
      panel.dataset.placement = placement
    })
  })
}
