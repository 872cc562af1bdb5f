import { describe, expect, it } from 'vitest'
import { checkCallbacks, findTampering } from '../../widget/page/realm.ts'
import { fakePlatform } from '../fake-platform.ts'

/** Applies `patch` to this realm, runs `check` and undoes the patch before anything else runs. */
function patched<T>(patch: () => () => void, check: () => T): T {
  const undo = patch()
  try {
    return check()
  } finally {
    undo()
  }
}

function replace<T extends object, K extends keyof T>(on: T, key: K, value: unknown, enumerable = false): () => void {
  const had = Object.getOwnPropertyDescriptor(on, key)
  Object.defineProperty(on, key, { value, configurable: true, writable: true, enumerable })
  return () => (had ? Object.defineProperty(on, key, had) : delete on[key])
}

const tampering = (patch: () => () => void) => patched(patch, findTampering)

describe('findTampering', () => {
  it('finds nothing in a realm whose built-ins are the engine’s own', () => {
    expect(findTampering()).toBeNull()
  })

  it('names keys added to Object.prototype or Array.prototype', () => {
    // Assigned (enumerable) as a page does, or defined out of sight of for...in.
    expect(tampering(() => replace(Object.prototype, 'then' as never, () => undefined, true))).toBe('Object.prototype.then')
    expect(tampering(() => replace(Object.prototype, 'then' as never, () => undefined))).toBe('Object.prototype.then')
    expect(tampering(() => replace(Object.prototype, 'toJSON' as never, () => ({})))).toBe('Object.prototype.toJSON')
    expect(tampering(() => replace(Array.prototype, 'toJSON' as never, () => []))).toBe('Array.prototype.toJSON')
    expect(tampering(() => replace(Array.prototype, 'last' as never, 1, true))).toBe('Array.prototype.last')
  })

  it('names JSON when its round trip is wrong, whatever made it so', () => {
    expect(tampering(() => replace(JSON, 'stringify', () => '{}'))).toBe('JSON')
    const parse = JSON.parse
    expect(tampering(() => replace(JSON, 'parse', (text: string) => ({ ...parse(text), extra: 1 })))).toBe('JSON')
  })

  // Each method the widget and Preact call, replaced by one that answers wrong in the way a
  // careless or hostile page does: nothing, or the array itself.
  const METHODS = 'map filter some every find flatMap includes indexOf join slice concat at push pop shift splice sort forEach'.split(' ')

  it.each(METHODS)('names Array.prototype.%s when it does nothing, or gives the array back', (name) => {
    expect(tampering(() => replace(Array.prototype, name as never, () => undefined))).toBe(`Array.prototype.${name}`)
    expect(
      tampering(() =>
        replace(Array.prototype, name as never, function (this: unknown) {
          return this
        }),
      ),
    ).toBe(`Array.prototype.${name}`)
  })

  it('names the array iterator, which for...of and spread go through', () => {
    const empty = function* () {}
    expect(tampering(() => replace(Array.prototype, Symbol.iterator, empty))).toBe('Array.prototype.values')
  })

  it('names Array and Object functions that answer wrong', () => {
    expect(tampering(() => replace(Array, 'from', () => []))).toBe('Array.from')
    expect(tampering(() => replace(Array, 'isArray', () => true))).toBe('Array.isArray')
    expect(tampering(() => replace(Object, 'keys', () => []))).toBe('Object.keys')
    expect(tampering(() => replace(Object, 'entries', () => []))).toBe('Object.entries')
    expect(tampering(() => replace(Object, 'assign', (target: object) => target))).toBe('Object.assign')
    expect(tampering(() => replace(Object, 'hasOwn', () => true))).toBe('Object.hasOwn')
  })

  it('lets correct polyfills pass, though they do not print as native code', () => {
    function map(this: unknown[], fn: (value: unknown, index: number, array: unknown[]) => unknown) {
      const out: unknown[] = []
      for (let i = 0; i < this.length; i++) out[i] = fn(this[i], i, this)
      return out
    }
    function includes(this: unknown[], value: unknown) {
      for (let i = 0; i < this.length; i++) if (this[i] === value) return true
      return false
    }
    expect(tampering(() => replace(Array.prototype, 'map', map))).toBeNull()
    expect(tampering(() => replace(Array.prototype, 'includes', includes))).toBeNull()
    const keys = Object.keys
    expect(tampering(() => replace(Object, 'keys', (object: object) => keys(object)))).toBeNull()
    const stringify = JSON.stringify
    expect(tampering(() => replace(JSON, 'stringify', (...args: Parameters<typeof stringify>) => stringify(...args)))).toBeNull()
  })

  it('treats a built-in that throws as broken', () => {
    expect(
      tampering(() =>
        replace(Array.prototype, 'map', () => {
          throw new Error('no map here')
        }),
      ),
    ).toBe('a built-in (Error: no map here)')
  })
})

describe('checkCallbacks', () => {
  /** Starts the check under `patch`, undone at once: the promises' callbacks are registered by then. */
  function check(patch: () => () => void = () => () => {}) {
    const fake = fakePlatform()
    const calls: (string | null)[] = []
    patched(patch, () => checkCallbacks(fake.platform, (broken) => calls.push(broken)))
    return { fake, calls, tick: () => new Promise((resolve) => setTimeout(resolve, 5)) }
  }

  it('calls back with null once promises settled before a timer of 0 ms, and leaves no timer', async () => {
    const { fake, calls, tick } = check()
    expect(calls).toEqual([])
    await tick()
    expect(calls).toEqual([null])
    expect(fake.timers.size).toBe(0)
  })

  it('passes a `then` wrapped correctly, as zone.js does', async () => {
    const then = Promise.prototype.then
    const { calls, tick } = check(() =>
      replace(Promise.prototype, 'then', function (this: Promise<unknown>, ...args: Parameters<typeof then>) {
        return then.apply(this, args)
      }),
    )
    await tick()
    expect(calls).toEqual([null])
  })

  it('names Promise.prototype.then when it never calls back, or throws', async () => {
    for (const hostile of [
      function (this: unknown) {
        return this
      },
      () => {
        throw new Error('no')
      },
    ]) {
      const { calls, tick } = check(() => replace(Promise.prototype, 'then', hostile))
      await tick()
      expect(calls).toEqual(['Promise.prototype.then'])
    }
  })

  it('names setTimeout when the page’s never calls back, once the platform’s timer says it is late', async () => {
    const { fake, calls, tick } = check(() => replace(globalThis, 'setTimeout', () => 1))
    await tick()
    expect(calls).toEqual([])
    await fake.advance(2999)
    expect(calls).toEqual([])
    await fake.advance(1)
    expect(calls).toEqual(['setTimeout'])
  })

  it('decides once: a page timer that fires after the deadline starts nothing', async () => {
    let late: (() => void) | undefined
    const { fake, calls } = check(() =>
      replace(globalThis, 'setTimeout', (fn: () => void) => {
        late = fn
      }),
    )
    await fake.advance(3000)
    late?.()
    expect(calls).toEqual(['setTimeout'])
  })
})
