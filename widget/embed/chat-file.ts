import type { MountChat } from '../ui/mount-chat.tsx'

/** The chat's file, beside the loader: `npm run build` writes both to dist/. */
export const CHAT_FILE = 'doorway-ui.js'

/** The event the chat's file fires at its own script element, handing its mountChat over (embed/chat-entry.ts). */
export const CHAT_HANDOFF = 'doorway:chat'

/**
 * Loads the chat's file from where the loader came from (`loaderSrc`), with a script element: no inline code, the script tag's nonce
 * for policies that list nonces, and trusted under 'strict-dynamic' as the loader added it.
 * Resolves with the file's mountChat; rejects when it cannot be loaded or hands nothing over.
 */
export function loadChatFile(doc: Document, loaderSrc: string, nonce: string): Promise<MountChat> {
  const src = new URL(CHAT_FILE, loaderSrc).href
  return new Promise((resolve, reject) => {
    const script = doc.createElement('script')
    script.src = src
    script.async = true
    if (nonce) script.nonce = nonce
    script.addEventListener(CHAT_HANDOFF, (event) => resolve((event as CustomEvent<MountChat>).detail), { once: true })
    // After the handoff, rejecting changes nothing.
    script.onload = script.onerror = () => {
      script.remove()
      reject(new Error(`the chat could not be loaded from ${src}`))
    }
    doc.head.append(script)
  })
}
