// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { lazyChat } from '../../widget/embed/lazy-chat.ts'
import { drawShell } from '../../widget/embed/shell.ts'
import { closePanel, openPanel, resetPanel } from '../../widget/state/panel.ts'
import type { MountChat } from '../../widget/ui/mount-chat.tsx'
import { fakePlatform, settle } from '../fake-platform.ts'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.()
  resetPanel()
  document.body.replaceChildren()
})

/** A lazy chat whose file `load` gives; records each mount and each failure. */
function start(load: () => Promise<MountChat>) {
  const shell = drawShell(document, { side: 'right', locale: 'en', nonce: '' })
  const fake = fakePlatform()
  const failures: [string, boolean][] = []
  const actions = { open: openPanel, close: closePanel, send: vi.fn(), choose: vi.fn() }
  const config = { side: 'right' as const, locale: 'en', assetBase: 'https://bots.example/' }
  const chat = lazyChat({
    shell,
    load,
    platform: fake.platform,
    config,
    actions,
    nonce: '',
    failed: (message, retrying) => failures.push([message, retrying]),
  })
  cleanups.push(shell.remove, chat.stop)
  return { shell, fake, failures, chat }
}

describe('the chat, loaded when it is wanted', () => {
  it('is not loaded until the panel opens, then once', async () => {
    const mount = vi.fn(() => () => undefined)
    const load = vi.fn(async () => mount as unknown as MountChat)
    start(load)
    await settle()
    expect(load).not.toHaveBeenCalled()
    openPanel()
    closePanel()
    openPanel()
    await settle()
    expect(load).toHaveBeenCalledTimes(1)
    expect(mount).toHaveBeenCalledTimes(1)
  })

  it('is loaded ahead of time when the launcher is hovered or focused', async () => {
    const load = vi.fn(async () => (() => () => undefined) as unknown as MountChat)
    const { shell } = start(load)
    shell.launcher.dispatchEvent(new Event('pointerenter'))
    shell.launcher.dispatchEvent(new Event('focus'))
    await settle()
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('reports each failed load, retries it with backoff while the panel is open, and again when it is wanted', async () => {
    let attempts = 0
    const load = vi.fn(async () => {
      if (++attempts < 3) throw new Error('the chat could not be loaded from x')
      return (() => () => undefined) as unknown as MountChat
    })
    const { fake, failures } = start(load)
    openPanel()
    await settle()
    expect(failures).toEqual([['the chat could not be loaded from x', true]])
    await fake.advance(999)
    expect(load).toHaveBeenCalledTimes(1)
    await fake.advance(1)
    expect(load).toHaveBeenCalledTimes(2)
    await fake.advance(2000)
    expect(load).toHaveBeenCalledTimes(3)
    expect(failures).toEqual([
      ['the chat could not be loaded from x', true],
      ['the chat could not be loaded from x', true],
    ])
  })

  it('takes a chat that throws as it mounts for a failed load', async () => {
    const load = vi.fn(
      async () =>
        (() => {
          throw new TypeError('broken chat')
        }) as unknown as MountChat,
    )
    const { failures } = start(load)
    openPanel()
    await settle()
    expect(failures).toEqual([['broken chat', true]])
  })

  it('does not retry by itself a load that failed while the panel was closed', async () => {
    const load = vi.fn(async () => {
      throw new Error('no')
    })
    const { shell, fake, failures } = start(load)
    shell.launcher.dispatchEvent(new Event('pointerenter'))
    await settle()
    await fake.advance(60_000)
    expect(load).toHaveBeenCalledTimes(1)
    expect(failures).toEqual([['no', false]])
    openPanel()
    await settle()
    expect(load).toHaveBeenCalledTimes(2)
  })
})

describe("shown(), what Doorway('open') awaits", () => {
  it('settles after the chat is mounted and a timer has let it render, and at once-ish when it already is', async () => {
    const mount = vi.fn(() => () => undefined)
    const { chat, fake } = start(async () => mount as unknown as MountChat)
    let shown = false
    openPanel()
    chat.shown().then(() => {
      shown = true
    })
    await settle()
    expect(mount).toHaveBeenCalledTimes(1)
    expect(shown).toBe(false)
    await fake.advance(0)
    await settle()
    expect(shown).toBe(true)
    let again = false
    chat.shown().then(() => {
      again = true
    })
    await fake.advance(0)
    await settle()
    expect(again).toBe(true)
    expect(mount).toHaveBeenCalledTimes(1)
  })

  it('rejects with chat_unavailable when the load fails, and with destroyed when stopped first', async () => {
    const { chat } = start(async () => {
      throw new Error('the chat could not be loaded from x')
    })
    openPanel()
    await expect(chat.shown()).rejects.toMatchObject({ code: 'chat_unavailable', message: 'the chat could not be loaded from x' })
    const never = start(() => new Promise<MountChat>(() => undefined))
    const waiting = never.chat.shown()
    never.chat.stop()
    await expect(waiting).rejects.toMatchObject({ code: 'destroyed' })
  })
})

describe('the launcher, drawn without Preact', () => {
  it('says whether the chat is open, and shows the unread count', () => {
    const { shell } = start(async () => (() => () => undefined) as unknown as MountChat)
    expect(shell.launcher.getAttribute('aria-label')).toBe('Open chat')
    expect(shell.launcher.getAttribute('aria-expanded')).toBe('false')
    shell.launcher.click()
    expect(shell.launcher.getAttribute('aria-label')).toBe('Close chat')
    expect(shell.launcher.getAttribute('aria-expanded')).toBe('true')
    // Escape from any control of the widget closes it and gives focus back to the launcher.
    shell.launcher.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    expect(shell.launcher.getAttribute('aria-expanded')).toBe('false')
  })
})
