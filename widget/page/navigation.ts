// Single-page apps change the address without loading a page: a campaign link can arrive by
// the app's router (README, "Single-page apps"). The widget hears every change of the address
// it can: the History API's pushState and replaceState, and popstate for back and forward.

type Win = Window & typeof globalThis

const METHODS = ['pushState', 'replaceState'] as const

/**
 * Calls `changed(href)` after the address changed by the app's pushState or replaceState, or by
 * back and forward; returns the cleanup. The methods are wrapped on the page's `history` object:
 * what they do is unchanged, and what they are is looked up at each call, so a script that
 * patches History.prototype later is still called. The widget's own scrubbing goes around them
 * (page/platform.ts), and the next address is compared with the scrubbed one: the same link
 * pushed again is heard. Where the methods cannot be wrapped, popstate and navigate() remain.
 */
export function watchNavigation(win: Win, changed: (href: string) => void, warn: (message: string) => void): () => void {
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
  const wrapped = METHODS.flatMap((name) => {
    const own = Object.hasOwn(history, name) ? history[name] : null
    const wrapper = function (this: History, ...args: Parameters<History['pushState']>) {
      const method = own ?? Object.getPrototypeOf(history)[name]
      const result = method.apply(this, args)
      try {
        check()
      } catch {
        // The app's navigation goes on whatever the widget makes of it.
      }
      return result
    }
    try {
      history[name] = wrapper
    } catch {
      warn(`history.${name} cannot be wrapped on this page: call Doorway('navigate') after a client-side navigation`)
      return []
    }
    return [{ name, own, wrapper }]
  })
  win.addEventListener('popstate', check)
  return () => {
    stopped = true
    win.removeEventListener('popstate', check)
    // A wrapper another script put over ours stays, and calls ours, which now only forwards.
    for (const { name, own, wrapper } of wrapped) {
      if (history[name] !== wrapper) continue
      if (own) history[name] = own
      else delete (history as Partial<History>)[name]
    }
  }
}
