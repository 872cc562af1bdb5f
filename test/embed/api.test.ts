import { describe, expect, it } from 'vitest'
import { createApi, runQueued } from '../../widget/embed/api.ts'

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
      'unknown command "fly"; commands are open, close, toggle, set, on, off, destroy',
      'unknown event "nope"; events are ready, entry, open, close, message, error',
      'an event handler threw: page bug',
    ])
  })
})
