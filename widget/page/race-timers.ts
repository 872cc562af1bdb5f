type Win = Window & typeof globalThis

/**
 * Where the page's timers are not native: both the page's (zone.js's wrappers) and the live
 * frame's, the first to fire running `fn` once. The page's still fire when it removes the frame,
 * the frame's when the page's do not.
 */
export function raceTimers(win: Win, live: () => Win, apply: (fn: unknown, self: unknown, args: unknown[]) => unknown) {
  type Timer = { done: boolean; page?: unknown; frame?: Win; id?: unknown }
  const each = (fn: () => unknown) => {
    try {
      return fn()
    } catch {
      // the other one fires, or was cleared
    }
  }
  const pageSet = win.setTimeout
  const pageClear = win.clearTimeout
  return {
    setTimeout(fn: () => void, ms: number): Timer {
      const timer: Timer = { done: true, frame: each(live) as Win | undefined }
      const run = () => {
        if (timer.done) return
        timer.done = true
        fn()
      }
      timer.page = each(() => apply(pageSet, win, [run, ms]))
      timer.id = each(() => timer.frame && apply(timer.frame.setTimeout, timer.frame, [run, ms]))
      // Armed only now: a timer that calls back before it returns is not one.
      timer.done = false
      return timer
    },
    clearTimeout(handle: unknown) {
      const timer = handle as Timer | null
      if (!timer) return
      timer.done = true
      each(() => apply(pageClear, win, [timer.page]))
      // On the frame that set it: another frame's timer of the same number is not this one.
      each(() => timer.frame && apply(timer.frame.clearTimeout, timer.frame, [timer.id]))
    },
  }
}
