// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import type { EmbedConfig } from '../../widget/embed/config.ts'
import { mountWidget } from '../../widget/embed/widget.ts'
import { watchConnectBlocked } from '../../widget/page/connect-blocked.ts'
import { $session } from '../../widget/state/session.ts'
import { adoptStyles } from '../../widget/ui/adopt-styles.ts'
import { mountChat } from '../../widget/ui/mount-chat.tsx'
import { fakePlatform } from '../fake-platform.ts'

const win = window as unknown as Window & typeof globalThis
/** The chat's module itself, as the chat's file hands it over. */
const loadChat = async () => mountChat
const config: EmbedConfig = { bot: 'demo', api: 'https://bots.example', side: 'right', open: 'auto', locale: 'en', refParams: ['ref'] }

/** A `securitypolicyviolation` event as Chromium fires it for a blocked fetch. */
const violation = (effectiveDirective: string, blockedURI: string) =>
  Object.assign(new Event('securitypolicyviolation', { bubbles: true }), {
    effectiveDirective,
    violatedDirective: effectiveDirective,
    blockedURI,
  })

const listenOnWindow = (type: string, listener: (event: Event) => void) => {
  win.addEventListener(type, listener)
  return () => win.removeEventListener(type, listener)
}

afterEach(() => {
  document.body.replaceChildren()
  localStorage.clear()
})

describe('the page’s Content-Security-Policy', () => {
  it('tells once when connect-src blocks the backend; other origins and directives are not its business', () => {
    const told: string[] = []
    const stop = watchConnectBlocked(listenOnWindow, 'https://bots.example/chat', (directive) => told.push(directive))
    win.dispatchEvent(violation('connect-src', 'https://other.example/x'))
    win.dispatchEvent(violation('img-src', 'https://bots.example/shoe.png'))
    win.dispatchEvent(violation('connect-src', 'https://bots.example.evil/v1'))
    expect(told).toEqual([])
    win.dispatchEvent(violation('connect-src', 'https://bots.example/v1/bots/demo/session'))
    win.dispatchEvent(violation('connect-src', 'https://bots.example'))
    expect(told).toEqual(['connect-src'])
    stop()
  })

  it('stops the outbox when its requests are blocked, says so in one warning and one error event', async () => {
    const fake = fakePlatform(async () => {
      throw new TypeError('Failed to fetch')
    })
    const warnings: string[] = []
    const hub = mountWidget({ config, platform: fake.platform, win, warn: (m) => warnings.push(m), listen: listenOnWindow, loadChat })
    const errors: { code: string }[] = []
    hub.api.on('error', (e) => errors.push(e as { code: string }))
    await fake.advance(0)
    win.dispatchEvent(violation('connect-src', 'https://bots.example/v1/bots/demo'))
    win.dispatchEvent(violation('connect-src', 'https://bots.example/v1/bots/demo/session'))
    expect(warnings).toEqual([
      "this page's Content-Security-Policy (connect-src) blocks the bot backend at https://bots.example; the widget stops trying.",
    ])
    expect(errors.filter((e) => e.code === 'csp_blocked')).toHaveLength(1)
    expect($session.get()).toMatchObject({ online: false, problem: expect.stringContaining('connect-src') })
    // No retry is left: the clock moves on and nothing is due.
    expect(fake.timers.size).toBe(0)
    hub.api.destroy()
  })

  it('styles the shadow root with a constructable sheet, and else with a <style> that carries the nonce', () => {
    const host = document.createElement('div')
    const shadow = host.attachShadow({ mode: 'open' })
    adoptStyles(shadow, '.x { color: red; }', 'N1')
    expect(shadow.adoptedStyleSheets).toHaveLength(1)
    expect(shadow.querySelector('style')).toBeNull()

    // A browser without constructable sheets: its window has no CSSStyleSheet constructor to adopt.
    const appended: HTMLStyleElement[] = []
    const legacy = {
      ownerDocument: { defaultView: {}, createElement: (name: string) => document.createElement(name) },
      append: (node: HTMLStyleElement) => appended.push(node),
    }
    adoptStyles(legacy as unknown as ShadowRoot, '.x {}', 'N1')
    expect(appended.map((style) => [style.nonce, style.textContent])).toEqual([['N1', '.x {}']])
  })
})
