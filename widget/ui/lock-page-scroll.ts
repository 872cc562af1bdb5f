/**
 * Stops the page under the full-screen panel from scrolling: `overflow: hidden` on its root
 * element keeps the scroll position, and the scrollbar's gutter, when it has one, keeps the
 * page's width. Returns the cleanup, which puts the element's `style` back exactly as it was.
 */
export function lockPageScroll(doc: Document): () => void {
  const html = doc.documentElement
  const before = html.getAttribute('style')
  const gutter = (doc.defaultView as Window).innerWidth > html.clientWidth ? 'scrollbar-gutter:stable!important;' : ''
  // Through the attribute, not html.style: Chromium writes CSSOM changes back to the attribute
  // lazily, and would bring back an empty style="" after the attribute is removed.
  html.setAttribute('style', `${before ?? ''};overflow:hidden!important;${gutter}`)
  return () => (before === null ? html.removeAttribute('style') : html.setAttribute('style', before))
}
