/**
 * Gives a shadow root its CSS as a constructable stylesheet: a page's Content-Security-Policy
 * governs `<style>` elements (style-src), not sheets built through the CSSOM, so the widget is
 * styled under `style-src 'nonce-…'` or `'self'` alike. Where the browser cannot adopt sheets
 * (before Chromium 73, Firefox 101, Safari 16.4), a `<style>` carrying the script tag's nonce.
 */
export function adoptStyles(root: ShadowRoot, css: string, nonce: string): void {
  const Sheet = root.ownerDocument.defaultView?.CSSStyleSheet
  // Every engine with adoptedStyleSheets can construct sheets and replaceSync them.
  if (Sheet && 'adoptedStyleSheets' in root) {
    const sheet = new Sheet()
    sheet.replaceSync(css)
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]
    return
  }
  const style = root.ownerDocument.createElement('style')
  if (nonce) style.nonce = nonce
  style.textContent = css
  root.append(style)
}
