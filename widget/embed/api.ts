// window.Doorway: the command API. A snippet may define a stub that queues calls made before
// the script loads (README, "Embedding"); they run here, in order.

export type EventName = 'ready' | 'entry' | 'open' | 'close' | 'message' | 'error'
export type Handler = (payload: unknown) => void

export interface Commands {
  open(): void
  close(): void
  toggle(): void
  destroy(): void
  /** Sends field updates from the page: `{ fields?, user?, variables? }`, each an object of strings. */
  set(values: unknown): void
}

export interface DoorwayApi extends Commands {
  (command: string, ...args: unknown[]): void
  on(event: EventName, handler: Handler): void
  off(event: EventName, handler: Handler): void
  /** Marks the real API, as opposed to the snippet's stub. */
  loaded: true
}

const EVENTS: EventName[] = ['ready', 'entry', 'open', 'close', 'message', 'error']

export interface EventHub {
  emit(event: EventName, payload: unknown): void
  /** Remembers a payload: handlers registered later are called at once with it (`ready`). */
  remember(event: EventName, payload: unknown): void
  api: DoorwayApi
}

/** Builds the API; `warn` reports misuse without throwing into the page. */
export function createApi(commands: Commands, warn: (message: string) => void): EventHub {
  const handlers = new Map<EventName, Set<Handler>>()
  const remembered = new Map<EventName, unknown>()
  const call = (handler: Handler, payload: unknown) => {
    try {
      handler(payload)
    } catch (error) {
      // A page's handler that throws must not stop the widget, nor other handlers.
      warn(`an event handler threw: ${(error as Error)?.message ?? error}`)
    }
  }
  const on = (event: EventName, handler: Handler) => {
    if (!EVENTS.includes(event)) return warn(`unknown event "${event}"; events are ${EVENTS.join(', ')}`)
    if (typeof handler !== 'function') return warn(`on("${event}") needs a function`)
    const set = handlers.get(event) ?? new Set<Handler>()
    handlers.set(event, set)
    set.add(handler)
    if (remembered.has(event)) call(handler, remembered.get(event))
  }
  const off = (event: EventName, handler: Handler) => {
    handlers.get(event)?.delete(handler)
  }
  const run = (command: string, ...args: unknown[]) => {
    switch (command) {
      case 'open':
      case 'close':
      case 'toggle':
      case 'destroy':
        return commands[command]()
      case 'set':
        return commands.set(args[0])
      case 'on':
        return on(args[0] as EventName, args[1] as Handler)
      case 'off':
        return off(args[0] as EventName, args[1] as Handler)
      default:
        warn(`unknown command "${command}"; commands are open, close, toggle, set, on, off, destroy`)
    }
  }
  const api = Object.assign(run, {
    open: () => commands.open(),
    close: () => commands.close(),
    toggle: () => commands.toggle(),
    destroy: () => commands.destroy(),
    set: (values: unknown) => commands.set(values),
    on,
    off,
    loaded: true as const,
  })
  return {
    api,
    emit(event, payload) {
      for (const handler of [...(handlers.get(event) ?? [])]) call(handler, payload)
    },
    remember(event, payload) {
      remembered.set(event, payload)
      this.emit(event, payload)
    },
  }
}

/** Runs the calls a snippet's stub queued (`Doorway.q`), in order. */
export function runQueued(stub: unknown, api: DoorwayApi): void {
  const queue = (stub as { q?: ArrayLike<unknown>[] } | undefined)?.q
  if (!Array.isArray(queue)) return
  for (const args of queue) {
    const [command, ...rest] = Array.from(args)
    api(String(command), ...rest)
  }
}
