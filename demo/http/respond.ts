import type { ServerResponse } from 'node:http'
import { HttpError } from './http-error.ts'

/** Answers `body` as JSON, never cached. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  })
  res.end(text)
}

/** Answers an error as JSON; unexpected errors are logged here and never shown to clients. */
export function sendError(res: ServerResponse, error: unknown): void {
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
