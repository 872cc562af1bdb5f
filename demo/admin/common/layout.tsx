import { useStore } from '@nanostores/preact'
import type { ComponentChildren } from 'preact'
import { $adminToken, forgetToken } from './admin-token.ts'
import { TokenForm } from './token-form.tsx'

/** The admin pages, in the order of the navigation. */
export const ADMIN_PAGES = [
  { id: 'links', title: 'Links', href: '/admin/links.html' },
  { id: 'results', title: 'Results', href: '/admin/results.html' },
] as const

export type AdminPageId = (typeof ADMIN_PAGES)[number]['id']

/** Header, navigation between the admin pages, and the token prompt until a token is given. */
export function AdminLayout({ current, heading, children }: { current: AdminPageId; heading: string; children: ComponentChildren }) {
  const token = useStore($adminToken)
  return (
    <>
      <header class="admin-header">
        <strong class="admin-brand">Doorway admin</strong>
        <nav aria-label="Admin pages">
          {ADMIN_PAGES.map((page) => (
            <a key={page.id} href={page.href} aria-current={page.id === current ? 'page' : undefined}>
              {page.title}
            </a>
          ))}
        </nav>
        {token && (
          <button type="button" class="quiet" onClick={() => forgetToken(null)}>
            Forget token
          </button>
        )}
      </header>
      <main class="admin-main">
        <h1>{heading}</h1>
        {token ? children : <TokenForm />}
      </main>
    </>
  )
}
