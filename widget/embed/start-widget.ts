import type { MountChat } from '../ui/mount-chat.tsx'
import { COMMANDS, commandError, type DoorwayApi } from './api.ts'
import { bootWidget, warn } from './boot.ts'
import type { EmbedConfig, SettingsSource } from './config.ts'

// The API's methods (embed/api.ts), each the same as calling the API with its name.
const METHODS = [...COMMANDS, 'on', 'off']

type Queued = [args: [string, ...unknown[]], resolve: (value: unknown) => void, reject: (error: unknown) => void]

/**
 * Starts a widget (embed/boot.ts) and returns its API at once, for mountDoorway and the element.
 * Every call returns a promise. Calls made before the widget is ready are queued, as the
 * snippet's stub queues them, and run in order once it is, their promises settling with the
 * widget's; then each call goes to the widget. `destroy` before then cancels the start; a call
 * after destroy warns and does nothing.
 */
export function startWidget(
  win: Window & typeof globalThis,
  settings: () => SettingsSource,
  loadChat: (config: EmbedConfig) => Promise<MountChat>,
): DoorwayApi {
  let target: DoorwayApi | null = null
  let ended = false
  const queue: Queued[] = []
  const run = (...args: [string, ...unknown[]]): Promise<unknown> => {
    const [command] = args
    if (target) return Promise.resolve(target(...args))
    if (ended) {
      if (command !== 'destroy') {
        warn(`this widget was destroyed or did not start; "${command}" does nothing`)
        return settledRejection(commandError('destroyed', `the widget was destroyed or did not start; "${command}" does nothing`))
      }
    } else if (command === 'destroy') {
      ended = true
      stop()
      for (const [, , reject] of queue.splice(0)) reject(commandError('destroyed', 'the widget was destroyed before it was ready'))
    } else {
      const promise = new Promise((resolve, reject) => queue.push([args, resolve, reject]))
      // Rejected for a page that awaits it; never an "uncaught rejection" for one that does not.
      promise.catch(() => undefined)
      return promise
    }
    return Promise.resolve()
  }
  const settledRejection = (error: Error) => {
    const promise = Promise.reject(error)
    promise.catch(() => undefined)
    return promise
  }
  const stop = bootWidget({
    win,
    settings,
    loadChat,
    ready(api) {
      target = api
      for (const [args, resolve, reject] of queue.splice(0)) run(...args).then(resolve, reject)
    },
    onDestroy() {
      ended = true
      target = null
    },
    notStarted(reason) {
      ended = true
      for (const [, , reject] of queue.splice(0)) reject(commandError('not_started', reason))
    },
  })
  const methods = Object.fromEntries(METHODS.map((name) => [name, (...args: unknown[]) => run(name, ...args)]))
  return Object.assign(run, methods, { loaded: true }) as unknown as DoorwayApi
}
