import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { verifySignature } from '../../../demo/bot/signing.ts'
import { parseEntryLink, signingText } from '../../../widget/entry/index.ts'
import { root } from '../server-harness.ts'

const sign = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'demo', 'cli', 'sign.ts'), ...args], { encoding: 'utf8', timeout: 20_000 })

describe('the sign command', () => {
  it('adds exp and sig that the backend accepts, keeping the other parameters', () => {
    const result = sign('--ttl', '600', 'https://shop.example/sale?utm_source=mail&ref=FLOW9--user_id--cust-42#top')
    expect(result.status).toBe(0)
    const link = result.stdout.trim()
    expect(link).toMatch(/^https:\/\/shop\.example\/sale\?utm_source=mail&ref=FLOW9--user_id--cust-42&exp=\d+&sig=[\w-]{43}#top$/)
    const intent = parseEntryLink(link)
    expect(intent.signature?.params).toEqual({ ref: 'FLOW9--user_id--cust-42', exp: expect.stringMatching(/^\d+$/) })
    const signature = intent.signature as NonNullable<typeof intent.signature>
    expect(verifySignature('doorway-demo-signing-secret-not-for-production', signature.sig, signature.params)).toEqual({ ok: true })
  })

  it('says how to use it when called wrongly', () => {
    const result = sign()
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('usage: npm run sign')
    expect(sign('--bot', 'nobot', 'https://x.example/?ref=a').stderr).toContain('no bot "nobot"')
  })

  it('signs a text that no value can forge a boundary in', () => {
    expect(signingText({ ref: 'a', p: 'b' })).toBe('[["p","b"],["ref","a"]]')
    expect(signingText({ ref: 'a","p":"x' })).not.toBe(signingText({ ref: 'a', p: 'x' }))
  })
})
