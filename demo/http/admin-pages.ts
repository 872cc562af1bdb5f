import { resolve } from 'node:path'
import { HttpError } from './http-error.ts'
import type { Exchange, Route } from './router.ts'
import { fileUnder, sendFile } from './static-files.ts'

// The admin pages (demo/admin/, built by `vite build --mode admin` into dist/admin/). The files
// are public: they hold no secret, and every admin API call they make carries the token the
// visitor types (docs/protocol.md, "Admin pages").

/**
 * No inline script or style, nothing from another origin, no framing, no form posted anywhere;
 * images only from the page itself or the QR codes it draws (data: and blob: addresses).
 */
export const ADMIN_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const HEADERS = {
  'Content-Security-Policy': ADMIN_PAGE_CSP,
  // The page's address never leaves it, even in a Referer to the links it opens.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
}

/** GET and HEAD of /admin and everything under /admin/. */
export function adminPageRoutes(root: string): Route[] {
  const find = fileUnder(resolve(root, 'dist', 'admin'))
  const path = (pathname: string) => (pathname === '/admin' || pathname.startsWith('/admin/') ? {} : null)
  const handle = ({ req, res, url }: Exchange) => {
    if (url.pathname === '/admin' || url.pathname === '/admin/') {
      res.writeHead(302, { Location: '/admin/links.html', ...HEADERS }).end()
      return
    }
    const file = find(url.pathname.slice('/admin'.length))
    const hint = '; run `npm run demo` (or `npx vite build --mode admin`) to build the admin pages'
    if (!file) throw new HttpError(404, 'not_found', `nothing is served at ${url.pathname}${hint}`, HEADERS)
    sendFile(req, res, url.pathname, file, HEADERS, hint)
  }
  return [
    { method: 'GET', path, handle },
    { method: 'HEAD', path, handle },
  ]
}
