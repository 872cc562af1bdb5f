// Single-page apps change the address without loading a page: a campaign link can arrive by
// the app's router (README, "Single-page apps"). The widget hears every change of the address
// it can: the History API's pushState and replaceState, and popstate for back and forward.

type Win = Window & typeof globalThis

const METHODS = ['pushState', 'replaceState'] as const

/**
 * Calls `changed(href)` after the address changed by the app's pushState or replaceState, or by
 * back and forward; returns the cleanup. The page's methods are wrapped on its `history` object
 * (what they do is unchanged, and the page's own wrappers stay under ours); the widget's own
 * scrubbing goes around them (embed/platform.ts), so it is never heard as a navigation, and
 * the next address is compared with the scrubbed one: the same link pushed again is heard.
 */
export function watchNavigation(win: Win, changed: (href: string) => void): () => void {
  const { history } = win
  let last = win.location.href
  let stopped = false
  const check = () => {
    const href = win.location.href
    if (stopped || href === last) return
    changed(href)
    // The address as the widget left it: scrubbing goes around the wrappers.
    last = win.location.href
  }
  const wrapped = METHODS.map((name) => {
    const original = history[name]
    const wrapper = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args)
      try {
        check()
      } catch {
        // The app's navigation goes on whatever the widget makes of it.
      }
      return result
    }
    history[name] = wrapper
    return { name, original, wrapper }
  })
  win.addEventListener('popstate', check)
  return () => {
    stopped = true
    win.removeEventListener('popstate', check)
    // A wrapper another script put over ours stays, and calls ours, which now does nothing.
    for (const { name, original, wrapper } of wrapped) if (history[name] === wrapper) history[name] = original
  }
}
