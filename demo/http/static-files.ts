import { readFileSync, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
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
  '.map': 'application/json',
}

/** Maps an address path to a file: the QA page, the built widget, and demo/public/. */
function fileOf(root: string): (path: string) => string | null {
  const fixed: Record<string, string> = {
    '/': join(root, 'index.html'),
    '/index.html': join(root, 'index.html'),
    '/doorway.js': join(root, 'dist', 'doorway.js'),
    '/doorway-ui.js': join(root, 'dist', 'doorway-ui.js'),
  }
  const fromPublic = fileUnder(resolve(root, 'demo', 'public'))
  return (path) => (Object.hasOwn(fixed, path) ? fixed[path] : fromPublic(path))
}

/** Maps an address path to a file inside `dir`, or null: nothing outside it, only files. */
export function fileUnder(dir: string): (path: string) => string | null {
  return (path) => {
    let decoded: string
    try {
      decoded = decodeURIComponent(path)
    } catch {
      return null
    }
    const file = resolve(dir, `.${normalize(decoded)}`)
    if (!file.startsWith(`${dir}/`)) return null
    try {
      return statSync(file).isFile() ? file : null
    } catch {
      return null
    }
  }
}

/** Answers a file, with `headers` beside its type; a file gone since it was found is a 404 saying `hint`. */
export function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  file: string,
  headers: Record<string, string>,
  hint = '',
): void {
  let body: Buffer
  try {
    body = readFileSync(file)
  } catch {
    throw new HttpError(404, 'not_found', `${path} is missing${hint}`)
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': 'no-cache',
    'Content-Length': body.length,
    ...headers,
  })
  res.end(req.method === 'HEAD' ? undefined : body)
}

/** GET and HEAD of every path outside /v1/: the QA page, the built widget and demo/public/. */
export function staticRoutes(root: string): Route[] {
  const find = fileOf(root)
  const path = (pathname: string) => (pathname.startsWith('/v1/') ? null : {})
  const handle = ({ req, res, url }: Exchange) => {
    const file = find(url.pathname)
    if (!file) throw new HttpError(404, 'not_found', `nothing is served at ${url.pathname}`)
    sendFile(req, res, url.pathname, file, {}, file.endsWith('doorway.js') ? '; run `npm run build` first' : '')
  }
  return [
    { method: 'GET', path, handle },
    { method: 'HEAD', path, handle },
  ]
}
