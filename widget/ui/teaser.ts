import { $panel, openPanel } from '../state/panel.ts'
import { $session } from '../state/session.ts'
import type { PlatformStorage } from '../transport/platform.ts'
import { TEASER } from '../transport/protocol.ts'

/**
 * The greeting beside the closed launcher (README, "Teaser"): the entry link's, else the bot's,
 * checked again by TEASER. Plain DOM, in the loader, like the launcher: showing it loads nothing.
 * Clicking it opens the chat; once the chat has opened on this page view it is gone. Dismissed,
 * its text is kept under `key`, so that the same teaser stays hidden and a new one shows.
 * Returns the cleanup.
 */
export function drawTeaser(launcher: HTMLElement, dismissLabel: string, storage: PlatformStorage, key: string): () => void {
  const doc = launcher.ownerDocument
  const box = doc.createElement('div')
  box.className = 'teaser'
  const button = (name: string) => {
    const made = doc.createElement('button')
    made.type = 'button'
    made.className = name
    box.append(made)
    return made
  }
  const open = button('teaser-text')
  // The bot's words, in their own direction: bidi controls in them cannot reorder the widget.
  open.dir = 'auto'
  open.addEventListener('click', openPanel)
  const dismiss = button('teaser-close')
  dismiss.setAttribute('aria-label', dismissLabel)
  dismiss.textContent = '×'
  let opened = false
  let dismissed = storage.getItem(key)
  const text = () => {
    const { status, teaser, bot } = $session.get()
    // Not before the session's answer: a link's teaser goes before the bot's, which may come first.
    return status === 'ready' ? [teaser, bot?.teaser].find((told) => typeof told === 'string' && TEASER.test(told)) : undefined
  }
  const draw = () => {
    opened ||= $panel.get().open
    const shown = text()
    if (!shown || opened || shown === dismissed) return box.remove()
    open.textContent = shown
    if (!box.isConnected) launcher.after(box)
  }
  dismiss.addEventListener('click', (event) => {
    dismissed = text() ?? null
    if (dismissed) storage.setItem(key, dismissed)
    draw()
    // Dismissed from the keyboard (no pointer: detail 0), focus goes to the launcher, not the page's
    // start. Not after a mouse click: a focused launcher fetches the chat's file ahead (embed/lazy-chat.ts).
    if (event.detail === 0) launcher.focus()
  })
  draw()
  const stops = [$session.listen(draw), $panel.listen(draw)]
  return () => {
    for (const stop of stops) stop()
    box.remove()
  }
}
