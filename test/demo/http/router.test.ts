import { describe, expect, it } from 'vitest'
import { HttpError } from '../../../demo/http/http-error.ts'
import { createRouter, type Route } from '../../../demo/http/router.ts'

const noop = () => {}
const routes: Route[] = [
  { method: 'GET', path: '/v1/bots/:bot', handle: noop },
  { method: 'POST', path: '/v1/bots/:bot/session', handle: noop },
  { method: 'OPTIONS', path: '/v1/bots/:bot/session', handle: noop },
  { method: 'GET', path: '/v1/admin/bots/:bot/contacts/:contact', handle: noop },
  { method: 'GET', path: (pathname) => (pathname.startsWith('/v1/') ? null : {}), handle: noop },
]
const route = createRouter(routes)

function refusal(method: string, path: string): HttpError {
  try {
    route(method, path)
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError)
    return error as HttpError
  }
  throw new Error(`${method} ${path} was routed`)
}

describe('the route table', () => {
  it('finds the route of a method and path, with the decoded parts of the path', () => {
    expect(route('POST', '/v1/bots/demo/session')).toEqual({ route: routes[1], params: { bot: 'demo' } })
    expect(route('GET', '/v1/admin/bots/d%C3%A9mo/contacts/c_1').params).toEqual({ bot: 'démo', contact: 'c_1' })
    expect(route('GET', '/anything/else').route).toBe(routes[4])
  })

  it('answers 404 for a path no route has', () => {
    expect(refusal('GET', '/v1/bots/demo/nothing')).toMatchObject({ status: 404, code: 'not_found' })
    expect(refusal('POST', '/v1/nothing')).toMatchObject({ status: 404, code: 'not_found' })
    expect(refusal('GET', '/v1/bots/demo/session/')).toMatchObject({ status: 404 })
  })

  it('answers 405 with the allowed methods for a path that has routes for other methods', () => {
    const wrong = refusal('GET', '/v1/bots/demo/session')
    expect(wrong).toMatchObject({ status: 405, code: 'method_not_allowed', headers: { Allow: 'POST, OPTIONS' } })
    expect(refusal('DELETE', '/index.html')).toMatchObject({ status: 405, headers: { Allow: 'GET' } })
  })

  it('answers 400 for a malformed escape in the path, whatever the method', () => {
    for (const method of ['GET', 'POST'])
      expect(refusal(method, '/v1/bots/%E0%A4%A/session')).toMatchObject({ status: 400, code: 'invalid_path' })
  })

  it('matches a pattern literally, not as a regular expression', () => {
    const dotted = createRouter([{ method: 'GET', path: '/a.b', handle: noop }])
    expect(dotted('GET', '/a.b').params).toEqual({})
    expect(() => dotted('GET', '/axb')).toThrow(HttpError)
  })
})
