// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { readSettings } from '../../widget/embed/config.ts'
import { type DoorwayElement, defineElement, ELEMENT_NAME, elementSettings } from '../../widget/embed/element.ts'

// What starting does is embed/boot.ts's (checked in Chromium, test/package/pack.test.ts); here
// only when the element starts and stops it, and what it reads.
const log: string[] = []
let started = 0
defineElement(window as unknown as Window & typeof globalThis, (element) => {
  const id = ++started
  log.push(`start ${id} ${element.getAttribute('bot')}`)
  return () => log.push(`stop ${id}`)
})

afterEach(() => {
  document.body.replaceChildren()
  log.length = 0
})

const create = (attributes: Record<string, string>) => {
  const element = document.createElement(ELEMENT_NAME) as DoorwayElement
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value)
  return element
}

describe('<doorway-chat>', () => {
  it('starts when it is put in the page and stops when it is taken out, each time', () => {
    const element = create({ bot: 'demo' })
    expect(log).toEqual([])
    document.body.append(element)
    element.remove()
    document.body.append(element)
    element.remove()
    expect(log).toEqual([`start ${started - 1} demo`, `stop ${started - 1}`, `start ${started} demo`, `stop ${started}`])
  })

  it('restarts when an attribute changes while it is in the page, and not for the same value', () => {
    const element = create({ bot: 'demo' })
    document.body.append(element)
    element.setAttribute('bot', 'demo')
    element.setAttribute('bot', 'other')
    expect(log).toEqual([`start ${started - 1} demo`, `stop ${started - 1}`, `start ${started} other`])
    element.setAttribute('data-x', '1')
    expect(log).toHaveLength(3)
  })

  it('is defined once: a second define keeps the first', () => {
    defineElement(window as unknown as Window & typeof globalThis, () => {
      throw new Error('the second definition ran')
    })
    document.body.append(create({ bot: 'demo' }))
    expect(log).toEqual([`start ${started} demo`])
  })

  it('reads the attributes that mirror the script tag’s data-*, by the same rules', () => {
    const element = create({ bot: 'demo', api: '/bots/', position: 'bottom-left', open: 'sometimes', params: 'start', locale: 'fr' })
    const result = readSettings(elementSettings(element), 'https://shop.example/page', 'en')
    expect(result).toEqual({
      ok: true,
      warnings: ['open="sometimes" is not one of auto, always, never; using auto'],
      config: expect.objectContaining({
        bot: 'demo',
        api: 'https://shop.example/bots',
        side: 'left',
        open: 'auto',
        locale: 'fr',
        refParams: ['ref', 'start'],
      }),
    })
  })

  it('reads the look from its attributes, as the script tag does: accent, radius, font and theme', () => {
    const element = create({ bot: 'demo', api: '/', accent: '#7a0019', radius: '6', font: 'Georgia, serif', theme: 'dark' })
    const result = readSettings(elementSettings(element), 'https://shop.example/', 'en')
    expect(result).toMatchObject({
      ok: true,
      warnings: [],
      config: { accent: '#7a0019', radius: 6, font: 'Georgia, serif', theme: 'dark' },
    })
    const bad = readSettings(elementSettings(create({ bot: 'demo', api: '/', radius: 'round' })), 'https://shop.example/', 'en')
    expect(bad.ok && bad.warnings).toEqual(['radius="round" is not a number of px from 0 to 24; using the default'])
  })

  it('needs a backend unless the script tag gives its origin', () => {
    expect(readSettings(elementSettings(create({ bot: 'demo' })), 'https://shop.example/', 'en')).toEqual({
      ok: false,
      error: 'no backend: add api="https://YOUR-BACKEND" to <doorway-chat>',
    })
    const fromScript = readSettings(elementSettings(create({ bot: 'demo' }), 'https://cdn.example'), 'https://shop.example/', 'en')
    expect(fromScript).toMatchObject({ ok: true, config: { api: 'https://cdn.example' } })
  })
})
