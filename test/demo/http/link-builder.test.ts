import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifySignature } from '../../../demo/bot/signing.ts'
import { parseEntryLink } from '../../../widget/entry/index.ts'
import { ADMIN, startServer, visitor } from '../server-harness.ts'

// The link builder's admin API (docs/protocol.md, "Admin: the link builder") on a real server.
const SECRET = 'doorway-demo-signing-secret-not-for-production'

describe('the link builder API', () => {
  let server: Awaited<ReturnType<typeof startServer>>
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(() => server.close())

  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = { Authorization: `Bearer ${ADMIN}` }) =>
    fetch(`${server.base}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    }).then(async (response) => ({ status: response.status, body: await response.json() }))
  const sign = (body: unknown) => call('POST', '/v1/admin/bots/demo/sign', body)

  it.each([
    ['GET', '/v1/admin/bots', undefined],
    ['POST', '/v1/admin/bots/demo/sign', { link: 'https://shop.example/?ref=FLOW9', ttlSeconds: 3600 }],
    ['POST', '/v1/admin/bots/nope/sign', { link: 'https://shop.example/?ref=FLOW9', ttlSeconds: 3600 }],
  ])('refuses %s %s without the token, or with a wrong one, as the other admin routes do', async (method, path, body) => {
    const tries: Record<string, string>[] = [{}, { Authorization: 'Bearer wrong-token' }, { Authorization: ADMIN }]
    for (const headers of tries) {
      const refused = await call(method, path, body, headers)
      expect(refused).toEqual({
        status: 401,
        body: { error: { code: 'admin_token_required', message: 'send the ADMIN_TOKEN as "Authorization: Bearer TOKEN"' } },
      })
    }
  })

  it("lists every bot's definitions for the builder, without the secret", async () => {
    const { status, body } = await call('GET', '/v1/admin/bots')
    expect(status).toBe(200)
    const [demo] = body.bots
    expect(demo).toMatchObject({ id: 'demo', name: 'Doorway Shoes', signable: true })
    expect(demo.links).toContainEqual({ name: 'giveaway', start: 'giveaway', payloadField: '738' })
    expect(demo.blocks).toContain('welcome')
    expect(demo.fields).toContainEqual({ id: '514', name: 'shoe_size', type: 'number' })
    expect(demo.fields).toContainEqual({ id: 'user_external_identifier', name: 'user_external_identifier', type: 'text' })
    expect(demo.variables).toContainEqual({ name: 'color', type: 'text' })
    expect(demo.systemAttributes).toContainEqual({ name: 'gender', type: 'choice', choices: ['male', 'female', 'unknown'] })
    expect(demo.systemAttributes).toContainEqual({ name: 'birthday', type: 'date' })
    expect(JSON.stringify(body)).not.toContain(SECRET)
  })

  it('signs a web link with the bot secret, so the widget and the server accept it', async () => {
    const before = Math.floor(Date.now() / 1000)
    const { status, body } = await sign({ link: 'https://shop.example/landing?ref=FLOW9--user_id--cust-42#top', ttlSeconds: 600 })
    expect(status).toBe(200)
    const decoded = parseEntryLink(body.link)
    expect(decoded.rejected).toEqual([])
    expect(decoded.user.user_id).toBe('cust-42')
    const signature = decoded.signature as NonNullable<typeof decoded.signature>
    expect(Number(signature.params.exp) - before).toBeGreaterThanOrEqual(600)
    expect(Number(signature.params.exp) - before).toBeLessThanOrEqual(602)
    expect(verifySignature(SECRET, signature.sig, signature.params)).toEqual({ ok: true })
    expect(new Date(body.expiresAt).getTime()).toBe(Number(signature.params.exp) * 1000)
    expect(body.link).toMatch(/#top$/)
    // The server takes the signed user_id as the contact's identity (docs/protocol.md, rule 6).
    const session = await visitor(server.base).session(decoded)
    expect(session.body.results).toContainEqual(expect.objectContaining({ id: 'user.user_id', status: 'stored' }))
  })

  it.each([
    [{ ttlSeconds: 600 }, 'invalid_link', /^link: /],
    [{ link: 42, ttlSeconds: 600 }, 'invalid_link', /^link: /],
    [{ link: 'not a link', ttlSeconds: 600 }, 'invalid_link', /^link: not an address/],
    [{ link: 'https://t.me/DoorwayBot?start=FLOW9'.replace('https:', 'tg:'), ttlSeconds: 600 }, 'invalid_link', /only a web/],
    [{ link: `https://shop.example/?ref=${'a'.repeat(9000)}`, ttlSeconds: 600 }, 'invalid_link', /at most 8192/],
    [{ link: 'https://shop.example/', ttlSeconds: 600 }, 'invalid_link', /^link: it carries no entry link/],
    [
      { link: 'https://shop.example/?ref=a&ref=b', ttlSeconds: 600 },
      'invalid_link',
      /^link: the widget would refuse ref: ref appears 2 times/,
    ],
    [
      { link: 'https://shop.example/?p=otherbot&ref=FLOW9', ttlSeconds: 600 },
      'invalid_link',
      /^link: it is for bot "otherbot" \(p\), not "demo"/,
    ],
    [{ link: 'https://ann:pw@shop.example/?ref=FLOW9', ttlSeconds: 600 }, 'invalid_link', /^link: it holds a user name or a password/],
    [{ link: 'https://shop.example/?ref=FLOW9&sig=abc&exp=1', ttlSeconds: 600 }, 'invalid_link', /^link: it is signed already/],
    [{ link: 'https://shop.example/?ref=FLOW9&exp=1', ttlSeconds: 600 }, 'invalid_link', /^link: it is signed already/],
    [{ link: 'https://shop.example/?ref=FLOW9' }, 'invalid_ttlSeconds', /^ttlSeconds: a whole number of seconds from 60/],
    [{ link: 'https://shop.example/?ref=FLOW9', ttlSeconds: 59 }, 'invalid_ttlSeconds', /^ttlSeconds: /],
    [{ link: 'https://shop.example/?ref=FLOW9', ttlSeconds: 1.5 }, 'invalid_ttlSeconds', /^ttlSeconds: /],
    [{ link: 'https://shop.example/?ref=FLOW9', ttlSeconds: '600' }, 'invalid_ttlSeconds', /^ttlSeconds: /],
    [{ link: 'https://shop.example/?ref=FLOW9', ttlSeconds: 600, secret: 'mine' }, 'unknown_fields', /unknown fields: secret/],
    ['[1]', 'invalid_body', /JSON object/],
    ['{', 'invalid_json', /not valid JSON/],
  ])('refuses %j with a 400 naming the field', async (body, code, message) => {
    const refused = await sign(body)
    expect(refused.status).toBe(400)
    expect(refused.body.error.code).toBe(code)
    expect(refused.body.error.message).toMatch(message)
  })

  it('answers 404 for an unknown bot and 409 for a bot without a secret', async () => {
    expect((await call('POST', '/v1/admin/bots/nope/sign', { link: 'https://shop.example/', ttlSeconds: 600 })).body.error.code).toBe(
      'unknown_bot',
    )
    const { loadBots } = await import('../../../demo/bot/load.ts')
    const { root } = await import('../server-harness.ts')
    const bots = loadBots(`${root}/demo/bots`)
    const demo = bots.get('demo') as NonNullable<ReturnType<typeof bots.get>>
    const plain = await startServer({ bots: new Map([['demo', { ...demo, secret: null }]]) })
    try {
      const response = await fetch(`${plain.base}/v1/admin/bots/demo/sign`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ link: 'https://shop.example/?ref=FLOW9', ttlSeconds: 600 }),
      })
      expect(response.status).toBe(409)
      expect((await response.json()).error).toMatchObject({ code: 'no_secret' })
      const listed = await fetch(`${plain.base}/v1/admin/bots`, { headers: { Authorization: `Bearer ${ADMIN}` } })
      expect((await listed.json()).bots[0].signable).toBe(false)
    } finally {
      await plain.close()
    }
  })

  it('serves the admin pages publicly, with a strict CSP and no referrer, and never the API without the token', async () => {
    const page = await fetch(`${server.base}/admin/links.html`)
    const html = await page.text()
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-inline')
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    expect(html).not.toContain(ADMIN)
    expect(html).not.toMatch(/<script>|<style|style=/)
    const redirect = await fetch(`${server.base}/admin/`, { redirect: 'manual' })
    expect([redirect.status, redirect.headers.get('location')]).toEqual([302, '/admin/links.html'])
    for (const path of [
      '/admin/../demo/bots/demo.json',
      '/admin/..%2Findex.html',
      '/admin/..%2F..%2Fdemo%2Fbots%2Fdemo.json',
      '/admin/nope.html',
    ]) {
      expect((await fetch(`${server.base}${path}`)).status, path).not.toBe(200)
    }
  })
})
