import { type ComponentChildren, render } from 'preact'

/** Renders an admin page into its `#app` element (each page's HTML has one). */
export function mountAdminPage(page: ComponentChildren): void {
  const root = document.getElementById('app')
  if (!root) throw new Error('the admin page has no #app element')
  render(page, root)
}
