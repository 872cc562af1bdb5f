import { readFileSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { extname, join, normalize, resolve } from 'node:path'
import { handleApi } from './api.ts'
import type { BotDef } from './bot.ts'
import { HttpError } from './http-error.ts'
import { MessageHub } from './hub.ts'
import { RateLimiter } from './rate-limit.ts'
import type { Store } from './store.ts'

export interface ServerOptions {
  store: Store
  bots: Map<string, BotDef>
  adminToken: string
  /** The project folder: index.html, dist/ and demo/public/ are served from it. */
  root: string
  /** Largest request body, in bytes. */
  maxBody?: number
  visitorRate?: [burst: number, perSecond: number]
  addressRate?: [burst: number, perSecond: number]
}

export interface Context extends Required<Omit<ServerOptions, 'root'>> {
  hub: MessageHub
  visitorLimiter: RateLimiter
  addressLimiter: RateLimiter
  streams: Set<ServerResponse>
  /** Open event streams by visitor token, to cap them. */
  streamsPerVisitor: Map<string, number>
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
}

/** The reference backend: the bot API under /v1, the QA page and the built widget. */
export function createDemoServer(options: ServerOptions): Server & { context: Context } {
  const visitorRate = options.visitorRate ?? [60, 20]
  const addressRate = options.addressRate ?? [600, 200]
  const context: Context = {
    store: options.store,
    bots: options.bots,
    adminToken: options.adminToken,
    maxBody: options.maxBody ?? 64 * 1024,
    visitorRate,
    addressRate,
    hub: new MessageHub(),
    visitorLimiter: new RateLimiter(...visitorRate),
    addressLimiter: new RateLimiter(...addressRate),
    streams: new Set(),
    streamsPerVisitor: new Map(),
  }
  const statics = staticFiles(options.root)
  const server = createServer((req, res) => {
    handle(req, res, context, statics).catch((error: unknown) => fail(res, error))
  }) as Server & { context: Context }
  server.context = context
  server.on('close', () => {
    for (const stream of context.streams) stream.end()
  })
  return server
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  context: Context,
  statics: (path: string) => string | null,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost')
  res.setHeader('X-Content-Type-Options', 'nosniff')
  if (url.pathname.startsWith('/v1/')) return handleApi(req, res, url, context)
  if (url.pathname === '/healthz') return void res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok\n')
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed here`)
  const file = statics(url.pathname)
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

/** Maps an address path to a file: the QA page, the built widget, and demo/public/. */
function staticFiles(root: string): (path: string) => string | null {
  const fixed: Record<string, string> = {
    '/': join(root, 'index.html'),
    '/index.html': join(root, 'index.html'),
    '/doorway.js': join(root, 'dist', 'doorway.js'),
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

/** Answers an error as JSON; unexpected errors are logged here and never shown to clients. */
export function fail(res: ServerResponse, error: unknown): void {
  if (res.headersSent || res.destroyed) {
    res.end()
    return
  }
  if (error instanceof HttpError) {
    res.writeHead(error.status, { 'Content-Type': 'application/json; charset=utf-8', ...error.headers })
    res.end(JSON.stringify({ error: { code: error.code, message: error.message } }))
    return
  }
  console.error('doorway-demo: internal error:', error)
  res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify({ error: { code: 'internal', message: 'the server failed to answer this request; it has been logged' } }))
}
