import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Context } from './context.ts'
import { HttpError } from './http-error.ts'

export type Method = 'GET' | 'HEAD' | 'POST' | 'OPTIONS'

/** One request as a route sees it: `params` holds the decoded `:name` parts of its path. */
export interface Exchange {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  params: Record<string, string>
  context: Context
}

/**
 * A line of the route table. `path` is a pattern (`/v1/bots/:bot/session`: a `:name` part
 * matches one segment) or a function for paths no pattern describes (the static files).
 */
export interface Route {
  method: Method
  path: string | ((pathname: string) => Record<string, string> | null)
  handle: (exchange: Exchange) => Promise<void> | void
  /** The route takes its own rate limit (the bot API, per bot): the address's is not taken before it. */
  ownRateLimit?: true
}

export type Resolved = { route: Route; params: Record<string, string> }

/**
 * Compiles a route table into one lookup. A path no route has is a 404; a path some route
 * has, asked with a method none of them takes, is a 405 naming the methods in `Allow`.
 */
export function createRouter(routes: Route[]): (method: string, pathname: string) => Resolved {
  const compiled = routes.map((route) => ({ route, match: typeof route.path === 'string' ? compilePattern(route.path) : route.path }))
  return (method, pathname) => {
    const found: Resolved[] = []
    for (const { route, match } of compiled) {
      const params = match(pathname)
      if (params) found.push({ route, params })
    }
    if (found.length === 0) throw new HttpError(404, 'not_found', `nothing is served at ${pathname}`)
    const chosen = found.find(({ route }) => route.method === method)
    if (chosen) return chosen
    const allow = [...new Set(found.map(({ route }) => route.method))].join(', ')
    throw new HttpError(405, 'method_not_allowed', `${method} is not allowed on ${pathname}; use ${allow}`, { Allow: allow })
  }
}

function compilePattern(pattern: string): (pathname: string) => Record<string, string> | null {
  const names: string[] = []
  const source = pattern
    .split('/')
    .map((part) => {
      if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      names.push(part.slice(1))
      return '([^/]+)'
    })
    .join('/')
  const regex = new RegExp(`^${source}$`)
  return (pathname) => {
    const match = regex.exec(pathname)
    if (!match) return null
    // Decoded as soon as the path matches, so a malformed escape is a 400 whatever the method.
    return Object.fromEntries(names.map((name, i) => [name, pathPart(match[i + 1])]))
  }
}

/** A percent-encoded segment of the path; a malformed escape (`%zz`, a lone `%`) is a 400. */
function pathPart(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new HttpError(400, 'invalid_path', 'the path holds a malformed percent escape')
  }
}
