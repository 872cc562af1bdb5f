/** What Tab can reach in the panel: its enabled controls and its scrolling list (tabindex="0"). */
const FOCUSABLE = 'a[href],button:enabled,textarea:enabled,input:enabled,[tabindex="0"]'

/**
 * Keeps Tab and Shift+Tab inside the full-screen panel: from its last control to its first and
 * back, and from anywhere outside it (the page under it, the launcher it hides) into it.
 * Returns the cleanup.
 */
export function trapFocus(panel: HTMLElement): () => void {
  const win = panel.ownerDocument.defaultView as Window
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Tab') return
    const controls = [...panel.querySelectorAll<HTMLElement>(FOCUSABLE)]
    const at = controls.indexOf((panel.getRootNode() as ShadowRoot).activeElement as HTMLElement)
    const edge = event.shiftKey ? 0 : controls.length - 1
    if (at >= 0 && at !== edge) return
    event.preventDefault()
    controls[event.shiftKey ? controls.length - 1 : 0]?.focus()
  }
  // Captured on the window: focus on the page's body, outside the widget, must come back too.
  win.addEventListener('keydown', onKeyDown, true)
  return () => win.removeEventListener('keydown', onKeyDown, true)
}
