import type { DoorwayApi } from './api.ts'

// A snippet may define a stub that queues calls made before the script loads (README,
// "Embedding"); they run here, in order, and the stub's promises settle with theirs.

/** A call the stub queued: its arguments, and, from stubs that return promises, how to settle it. */
type QueuedCall = ArrayLike<unknown> | { args: ArrayLike<unknown>; resolve(value: unknown): void; reject(error: unknown): void }

/** Runs the calls a snippet's stub queued (`Doorway.q`), in order, settling the stub's promises. */
export function runQueued(stub: unknown, api: DoorwayApi): void {
  const queue = (stub as { q?: QueuedCall[] } | undefined)?.q
  if (!Array.isArray(queue)) return
  for (const entry of queue) {
    // A damaged entry is skipped: the calls after it still run.
    try {
      const withPromise = typeof entry === 'object' && entry !== null && 'args' in entry ? entry : null
      const [command, ...rest] = Array.from(withPromise ? withPromise.args : (entry as ArrayLike<unknown>))
      const done = api(String(command), ...rest)
      if (withPromise) done.then(withPromise.resolve, withPromise.reject)
    } catch {
      // not a call
    }
  }
}

/** Rejects the promises of the calls a snippet's stub queued, when the widget does not start. */
export function rejectQueued(stub: unknown, error: Error): void {
  const queue = (stub as { q?: QueuedCall[] } | undefined)?.q
  if (!Array.isArray(queue)) return
  for (const entry of queue) if (typeof entry === 'object' && entry !== null && 'args' in entry) entry.reject(error)
}
