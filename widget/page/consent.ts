import type { PlatformStorage } from '../transport/platform.ts'

// Consent (README, "Consent"): what withdrawing it removes, and how a tab hears that another
// tab of the same browser withdrew it.

const prefix = (bot: string) => `doorway:${bot}:`

/** Removes every key the widget stored for `bot`; the site's own keys stay. */
export function forgetVisitor(storage: PlatformStorage, bot: string): void {
  for (const name of storage.keys()) if (name.startsWith(prefix(bot))) storage.removeItem(name)
}

/**
 * Calls `withdrawn()` when another tab removed this bot's visitor token (it withdrew consent,
 * or the site or the visitor cleared the storage): this tab must not write it all back.
 * Returns the cleanup.
 */
export function watchWithdrawal(win: Window, bot: string, withdrawn: () => void): () => void {
  const token = `${prefix(bot)}token`
  const heard = (event: StorageEvent) => {
    try {
      // Reading localStorage throws where the page may not have it (a sandboxed frame).
      if (event.storageArea !== win.localStorage) return
    } catch {
      return
    }
    if (event.key === null || (event.key === token && event.newValue === null)) withdrawn()
  }
  win.addEventListener('storage', heard)
  return () => win.removeEventListener('storage', heard)
}
