import { describe, expect, it } from 'vitest'
import { createHttpTransport } from '../../widget/transport/http.ts'
import { fakePlatform, json } from '../fake-platform.ts'

function transportWith(respond: (url: string, init: RequestInit) => Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = []
  const { platform } = fakePlatform(async (input, init) => {
    calls.push({ url: String(input), init: init as RequestInit })
    return respond(String(input), init as RequestInit)
  })
  return { transport: createHttpTransport({ api: 'https://bots.example/', bot: 'demo', token: 'T'.repeat(24), platform }), calls }
}

describe('the HTTP transport', () => {
  it('sends JSON with the visitor token, without cookies', async () => {
    const { transport, calls } = transportWith(async () => json(200, { results: [] }))
    const result = await transport.updates({ updates: [{ id: 'u1', type: 'field', key: 'a', value: 'b' }] })
    expect(result).toEqual({ ok: true, value: { results: [] } })
    expect(calls[0].url).toBe('https://bots.example/v1/bots/demo/updates')
    expect(calls[0].init.headers).toEqual({ Authorization: `Bearer ${'T'.repeat(24)}`, 'Content-Type': 'application/json' })
    expect(calls[0].init.credentials).toBe('omit')
    expect(JSON.parse(calls[0].init.body as string)).toEqual({ updates: [{ id: 'u1', type: 'field', key: 'a', value: 'b' }] })
  })

  it.each([
    [
      429,
      { error: { code: 'rate_limited', message: 'slow down' } },
      { 'Retry-After': '7' },
      { status: 429, code: 'rate_limited', retryable: true, retryAfter: 7 },
    ],
    [503, 'not json', {}, { status: 503, code: 'http_503', retryable: true }],
    [
      400,
      { error: { code: 'invalid_id', message: 'bad id' } },
      {},
      { status: 400, code: 'invalid_id', message: 'bad id', retryable: false },
    ],
    [408, {}, {}, { status: 408, retryable: true }],
  ])('maps a %i answer to a retryable or final error', async (status, body, headers, expected) => {
    const { transport } = transportWith(async () =>
      typeof body === 'string' ? new Response(body, { status }) : json(status, body, headers),
    )
    const result = await transport.session({})
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error).toMatchObject(expected)
  })

  it('reports a network failure as retryable, never throwing', async () => {
    const { transport } = transportWith(async () => {
      throw new TypeError('Failed to fetch')
    })
    expect(await transport.open()).toEqual({
      ok: false,
      error: { status: 0, code: 'network', message: 'the bot backend cannot be reached', retryable: true },
    })
  })
})
