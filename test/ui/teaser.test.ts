// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { mountWidget } from '../../widget/embed/widget.ts'
import { forgetVisitor } from '../../widget/page/consent.ts'
import { $panel, closePanel, openPanel, resetPanel } from '../../widget/state/panel.ts'
import { $session, botKnown, resetSession, sessionReady } from '../../widget/state/session.ts'
import { drawTeaser } from '../../widget/ui/teaser.ts'
import { fakePlatform, json } from '../fake-platform.ts'

const KEY = 'doorway:demo:teaser'
const BOT = { id: 'demo', name: 'Doorway Shoes', tagline: '' }
const cleanups: (() => void)[] = []

/** A launcher on the page and its teaser, with storage as an earlier page view left it. */
function draw(store = new Map<string, string>()) {
  const launcher = document.createElement('button')
  document.body.append(launcher)
  const { platform } = fakePlatform(undefined, store)
  cleanups.push(drawTeaser(launcher, 'Dismiss', platform.storage, KEY))
  const teaser = () => document.querySelector('.teaser')
  const text = () => teaser()?.querySelector<HTMLButtonElement>('.teaser-text') ?? null
  const dismiss = () => teaser()?.querySelector<HTMLButtonElement>('.teaser-close') ?? null
  return { launcher, store, teaser, text, dismiss }
}

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
  resetSession(null)
  resetPanel()
  document.body.replaceChildren()
})

describe('the teaser beside the launcher', () => {
  it("shows the bot's teaser once the session answered, beside the launcher, as plain text in its own direction", () => {
    const { launcher, teaser, text, dismiss } = draw()
    botKnown({ ...BOT, teaser: '<b>Hi</b> ‮there' })
    // The bot's facts may come first: nothing until the session says whether a link has its own.
    expect(teaser()).toBeNull()
    sessionReady('c1')
    expect(launcher.nextElementSibling).toBe(teaser())
    expect([text()?.textContent, text()?.dir, text()?.children.length]).toEqual(['<b>Hi</b> ‮there', 'auto', 0])
    expect([dismiss()?.getAttribute('aria-label'), dismiss()?.type]).toEqual(['Dismiss', 'button'])
  })

  it("puts the link's teaser before the bot's, and ignores one that is too long or has nothing visible", () => {
    const { text, teaser } = draw()
    botKnown({ ...BOT, teaser: 'The bot’s' })
    sessionReady('c1', 'The link’s')
    expect(text()?.textContent).toBe('The link’s')
    sessionReady('c1', 'x'.repeat(141))
    expect(text()?.textContent).toBe('The bot’s')
    botKnown({ ...BOT, teaser: ' \u200b ' })
    expect(teaser()).toBeNull()
  })

  it('opens the chat when clicked, and is gone for this page view once the chat has opened', () => {
    const { text, teaser } = draw()
    sessionReady('c1', 'Hello')
    text()?.click()
    expect([$panel.get().open, teaser()]).toEqual([true, null])
    closePanel()
    sessionReady('c1', 'Hello again')
    expect(teaser()).toBeNull()
  })

  it('never shows while the panel is open', () => {
    const { teaser } = draw()
    openPanel()
    sessionReady('c1', 'Hello')
    expect(teaser()).toBeNull()
  })

  it('hides when dismissed, keeps the dismissal for the next page view, and shows a new teaser again', () => {
    const first = draw()
    sessionReady('c1', 'Spring sale')
    first.dismiss()?.click()
    expect([first.teaser(), first.store.get(KEY), document.activeElement]).toEqual([null, 'Spring sale', first.launcher])
    expect($panel.get().open).toBe(false)
    for (const cleanup of cleanups.splice(0)) cleanup()
    document.body.replaceChildren()

    const next = draw(first.store)
    expect(next.teaser()).toBeNull()
    sessionReady('c1', 'Summer sale')
    expect(next.text()?.textContent).toBe('Summer sale')
  })

  it('leaves focus alone after a mouse click: a focused launcher would fetch the chat file', () => {
    const { dismiss, teaser, launcher } = draw()
    sessionReady('c1', 'Spring sale')
    dismiss()?.dispatchEvent(new MouseEvent('click', { bubbles: true, detail: 1 }))
    expect(teaser()).toBeNull()
    expect(document.activeElement).not.toBe(launcher)
  })

  it('is forgotten with the rest when the visitor withdraws consent', () => {
    const { store, dismiss } = draw()
    sessionReady('c1', 'Spring sale')
    dismiss()?.click()
    forgetVisitor(fakePlatform(undefined, store).platform.storage, 'demo')
    expect(store.has(KEY)).toBe(false)
  })
})

describe('the teaser and consent', () => {
  it('is neither shown nor stored before consent, and is stored once it is given', async () => {
    const answer = { contactId: 'c1', replayed: false, link: null, start: null, results: [], decoderRejections: [], lastSeq: 0 }
    const fake = fakePlatform(async (input) =>
      String(input).endsWith('/session') ? json(200, { ...answer, teaser: 'Hello' }) : json(200, BOT),
    )
    const win = window as unknown as Window & typeof globalThis
    win.history.replaceState(null, '', '/shop')
    const config = {
      bot: 'demo',
      api: 'https://bots.example',
      side: 'right' as const,
      open: 'auto' as const,
      locale: 'fr',
      refParams: ['ref'],
    }
    const hub = mountWidget({
      config: { ...config, consentRequired: true },
      platform: fake.platform,
      win,
      warn: () => undefined,
      loadChat: async () => {
        throw new Error('not wanted')
      },
    })
    cleanups.push(() => hub.api.destroy())
    const shadow = () => document.querySelector('doorway-widget')?.shadowRoot
    await fake.advance(100)
    expect([shadow()?.querySelector('.teaser') ?? null, [...fake.store.keys()]]).toEqual([null, []])
    hub.api.consent(true)
    await expect.poll(() => $session.get().status).toBe('ready')
    const close = shadow()?.querySelector<HTMLButtonElement>('.teaser-close')
    expect(close?.getAttribute('aria-label')).toBe('Masquer')
    close?.click()
    expect(fake.store.get(KEY)).toBe('Hello')
    hub.api.consent(false)
    expect(fake.store.has(KEY)).toBe(false)
  })
})
