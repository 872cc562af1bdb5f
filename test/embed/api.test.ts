import { describe, expect, it } from 'vitest'
import { createApi } from '../../widget/embed/api.ts'
import { rejectQueued, runQueued } from '../../widget/embed/stub-queue.ts'

function setup() {
  const calls: string[] = []
  const warnings: string[] = []
  const hub = createApi(
    {
      open: () => calls.push('open'),
      close: () => calls.push('close'),
      toggle: () => calls.push('toggle'),
      destroy: () => calls.push('destroy'),
      set: (values) => calls.push(`set ${JSON.stringify(values)}`),
      consent: (given) => calls.push(`consent ${given}`),
      navigate: () => {
        throw new Error('no address')
      },
    },
    (message) => warnings.push(message),
  )
  return { hub, calls, warnings }
}

describe('window.Doorway', () => {
  it('runs the calls the stub queued, in order, then takes calls and methods', () => {
    const { hub, calls } = setup()
    const seen: unknown[] = []
    runQueued({ q: [['open'], ['on', 'message', (m: unknown) => seen.push(m)], ['toggle'], ['set', { fields: { a: '1' } }]] }, hub.api)
    hub.api('close')
    hub.api.toggle()
    hub.api.set({ user: { email: 'a@b.co' } })
    hub.api.destroy()
    expect(calls).toEqual(['open', 'toggle', 'set {"fields":{"a":"1"}}', 'close', 'toggle', 'set {"user":{"email":"a@b.co"}}', 'destroy'])
    hub.emit('message', { seq: 1 })
    expect(seen).toEqual([{ seq: 1 }])
  })

  it('calls a ready handler registered late at once, and others only on events', () => {
    const { hub } = setup()
    hub.remember('ready', { contactId: 'c1', intent: null })
    const got: unknown[] = []
    hub.api.on('ready', (payload) => got.push(payload))
    hub.api.on('open', (payload) => got.push(payload))
    expect(got).toEqual([{ contactId: 'c1', intent: null }])
  })

  it('stops calling a handler after off', () => {
    const { hub } = setup()
    let count = 0
    const handler = () => count++
    hub.api.on('open', handler)
    hub.emit('open', {})
    hub.api.off('open', handler)
    hub.emit('open', {})
    expect(count).toBe(1)
  })

  it('warns instead of throwing: unknown commands and events, and handlers that throw', () => {
    const { hub, warnings } = setup()
    let after = 0
    hub.api('fly')
    hub.api.on('nope' as 'open', () => undefined)
    hub.api.on('open', () => {
      throw new Error('page bug')
    })
    hub.api.on('open', () => after++)
    expect(() => hub.emit('open', {})).not.toThrow()
    expect(after).toBe(1)
    expect(warnings).toEqual([
      'unknown command "fly"; commands are open, close, toggle, destroy, set, consent, navigate, on, off',
      'unknown event "nope"; events are ready, entry, open, close, message, error',
      'an event handler threw: page bug',
    ])
  })

  it('returns a promise from every command: settled with what the command gave, rejected with what it threw', async () => {
    const { hub, calls } = setup()
    await expect(hub.api('consent', true)).resolves.toBe(1)
    await expect(hub.api.open()).resolves.toBe(2)
    await expect(hub.api.navigate()).rejects.toThrow('no address')
    await expect(hub.api('fly')).rejects.toMatchObject({ code: 'invalid_command' })
    await expect(hub.api.on('open', () => undefined)).resolves.toBeUndefined()
    expect(calls).toEqual(['consent true', 'open'])
  })

  it('marks its rejections handled: a page that never awaits sees the warning, not an uncaught rejection', async () => {
    const { hub } = setup()
    const unhandled: unknown[] = []
    const listener = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', listener)
    hub.api('fly')
    hub.api.navigate()
    await new Promise((resolve) => setTimeout(resolve, 20))
    process.off('unhandledRejection', listener)
    expect(unhandled).toEqual([])
  })

  it('settles the promises of a stub that returns them, and still runs the calls of one that does not', async () => {
    const { hub, calls } = setup()
    const settled: unknown[] = []
    const stub = {
      q: [
        ['open'],
        { args: ['toggle'], resolve: (value: unknown) => settled.push(['resolved', value]), reject: () => settled.push('rejected') },
        { args: ['fly'], resolve: () => settled.push('resolved'), reject: (error: Error) => settled.push(['rejected', error.message]) },
      ],
    }
    runQueued(stub, hub.api)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(calls).toEqual(['open', 'toggle'])
    expect(settled).toEqual([
      ['resolved', 2],
      ['rejected', 'unknown command "fly"; commands are open, close, toggle, destroy, set, consent, navigate, on, off'],
    ])
  })

  it('skips a damaged entry of the stub’s queue and runs the calls after it; rejects them all when the widget does not start', async () => {
    const { hub, calls } = setup()
    runQueued({ q: ['x', null, 7, ['open']] }, hub.api)
    expect(calls).toEqual(['open'])
    const errors: string[] = []
    const entry = { args: ['open'], resolve: () => errors.push('resolved'), reject: (error: Error) => errors.push(error.message) }
    rejectQueued({ q: ['x', entry] }, new Error('not started'))
    expect(errors).toEqual(['not started'])
  })
})
