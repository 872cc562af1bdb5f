import { readFileSync, statSync } from 'node:fs'
import { extname, join, normalize, resolve } from 'node:path'
import { HttpError } from './http-error.ts'
import type { Exchange, Route } from './router.ts'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
}

/** Maps an address path to a file: the QA page, the built widget, and demo/public/. */
function fileOf(root: string): (path: string) => string | null {
  const fixed: Record<string, string> = {
    '/': join(root, 'index.html'),
    '/index.html': join(root, 'index.html'),
    '/doorway.js': join(root, 'dist', 'doorway.js'),
    '/doorway-ui.js': join(root, 'dist', 'doorway-ui.js'),
  }
  const publicDir = resolve(root, 'demo', 'public')
  return (path) => {
    if (Object.hasOwn(fixed, path)) return fixed[path]
    let decoded: string
    try {
      decoded = decodeURIComponent(path)
    } catch {
      return null
    }
    const file = resolve(publicDir, `.${normalize(decoded)}`)
    if (!file.startsWith(`${publicDir}/`)) return null
    try {
      return statSync(file).isFile() ? file : null
    } catch {
      return null
    }
  }
}

/** GET and HEAD of every path outside /v1/: the QA page, the built widget and demo/public/. */
export function staticRoutes(root: string): Route[] {
  const find = fileOf(root)
  const path = (pathname: string) => (pathname.startsWith('/v1/') ? null : {})
  const handle = ({ req, res, url }: Exchange) => {
    const file = find(url.pathname)
    if (!file) throw new HttpError(404, 'not_found', `nothing is served at ${url.pathname}`)
    let body: Buffer
    try {
      body = readFileSync(file)
    } catch {
      const hint = file.endsWith('doorway.js') ? '; run `npm run build` first' : ''
      throw new HttpError(404, 'not_found', `${url.pathname} is missing${hint}`)
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      'Content-Length': body.length,
    })
    res.end(req.method === 'HEAD' ? undefined : body)
  }
  return [
    { method: 'GET', path, handle },
    { method: 'HEAD', path, handle },
  ]
}
