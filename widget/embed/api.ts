// window.Doorway: the command API. Every command returns a promise (README, "Commands you can
// await"). The calls a snippet's stub queued before the script loaded run through it
// (embed/stub-queue.ts).

export type EventName = 'ready' | 'entry' | 'open' | 'close' | 'message' | 'error'
export type Handler = (payload: unknown) => void

/** What each command does; what it returns (a value or a promise) is what its promise settles with. */
export interface Commands {
  open(): unknown
  close(): unknown
  toggle(): unknown
  destroy(): unknown
  /** Sends field updates from the page: `{ fields?, user?, variables? }`, each an object of strings. */
  set(values: unknown): unknown
  /** Gives or withdraws the visitor's consent to storage and requests (`data-consent="required"`). */
  consent(given: unknown): unknown
  /** Reads the address again, for routers that change it without the History API. */
  navigate(): unknown
}

type CommandName = keyof Commands
export type CommandMethods = { [name in CommandName]: (arg?: unknown) => Promise<unknown> }

export interface DoorwayApi extends CommandMethods {
  (command: string, ...args: unknown[]): Promise<unknown>
  on(event: EventName, handler: Handler): Promise<void>
  off(event: EventName, handler: Handler): Promise<void>
  /** Marks the real API, as opposed to the snippet's stub. */
  loaded: true
}

const EVENTS: EventName[] = ['ready', 'entry', 'open', 'close', 'message', 'error']
/** The commands, in the order the unknown-command warning lists them. */
export const COMMANDS: CommandName[] = ['open', 'close', 'toggle', 'destroy', 'set', 'consent', 'navigate']

export interface EventHub {
  emit(event: EventName, payload: unknown): void
  /** Remembers a payload: handlers registered later are called at once with it (`ready`). */
  remember(event: EventName, payload: unknown): void
  /** Forgets a remembered payload: the widget stopped, and it no longer holds. */
  forget(event: EventName): void
  api: DoorwayApi
}

/** Whether the widget takes commands (not once destroyed) and emits events (only while started). */
export interface ApiState {
  accepts(): boolean
  emits(): boolean
}

const ALWAYS: ApiState = { accepts: () => true, emits: () => true }

/** An Error with the stable `code` of the API's `error` events, and any details. */
export function commandError(code: string, message: string, details: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { code, ...details })
}

/**
 * A promise of `work`'s outcome, marked as handled: a page that does not await a command sees
 * only its warning, never an "uncaught rejection"; one that awaits gets the rejection.
 */
function settled(work: () => unknown): Promise<unknown> {
  let promise: Promise<unknown>
  try {
    promise = Promise.resolve(work())
  } catch (error) {
    promise = Promise.reject(error)
  }
  promise.catch(() => undefined)
  return promise
}

/** Builds the API; `warn` reports misuse without throwing into the page. */
export function createApi(commands: Commands, warn: (message: string) => void, state = ALWAYS): EventHub {
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
  const misuse = (message: string) => {
    warn(message)
    throw commandError('invalid_command', message)
  }
  const on = (event: EventName, handler: Handler) => {
    if (!EVENTS.includes(event)) misuse(`unknown event "${event}"; events are ${EVENTS.join(', ')}`)
    if (typeof handler !== 'function') misuse(`on("${event}") needs a function`)
    const set = handlers.get(event) ?? new Set<Handler>()
    handlers.set(event, set)
    set.add(handler)
    if (remembered.has(event)) call(handler, remembered.get(event))
  }
  const off = (event: EventName, handler: Handler) => {
    handlers.get(event)?.delete(handler)
  }
  const run = (command: string, ...args: unknown[]): Promise<unknown> =>
    settled(() => {
      if (command === 'on') return on(args[0] as EventName, args[1] as Handler)
      if (command === 'off') return off(args[0] as EventName, args[1] as Handler)
      if (!COMMANDS.includes(command as CommandName)) misuse(`unknown command "${command}"; commands are ${COMMANDS.join(', ')}, on, off`)
      if (!state.accepts() && command !== 'destroy') throw commandError('destroyed', `the widget was destroyed; "${command}" does nothing`)
      return commands[command as CommandName](args[0])
    })
  const methods = Object.fromEntries(COMMANDS.map((name) => [name, (arg?: unknown) => run(name, arg)])) as CommandMethods
  const api: DoorwayApi = Object.assign(run, methods, {
    on: (event: EventName, handler: Handler) => run('on', event, handler) as Promise<void>,
    off: (event: EventName, handler: Handler) => run('off', event, handler) as Promise<void>,
    loaded: true as const,
  })
  return {
    api,
    emit(event, payload) {
      if (!state.emits()) return
      for (const handler of [...(handlers.get(event) ?? [])]) call(handler, payload)
    },
    remember(event, payload) {
      if (!state.emits()) return
      remembered.set(event, payload)
      this.emit(event, payload)
    },
    forget(event) {
      remembered.delete(event)
    },
  }
}
