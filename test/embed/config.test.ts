import { describe, expect, it } from 'vitest'
import { optionSettings, readConfig, readSettings } from '../../widget/embed/config.ts'

const tag = (dataset: Record<string, string>, src = 'https://cdn.example/doorway.js') => ({ dataset, src })

describe('the script tag attributes', () => {
  it('reads the defaults: the backend is where the script came from', () => {
    expect(readConfig(tag({ bot: 'demo' }), 'https://shop.example/', 'fr-FR')).toEqual({
      ok: true,
      warnings: [],
      config: {
        bot: 'demo',
        api: 'https://cdn.example',
        side: 'right',
        open: 'auto',
        locale: 'fr-FR',
        refParams: ['ref'],
        nonce: '',
        consentRequired: false,
        theme: 'auto',
      },
    })
  })

  it('reads every attribute', () => {
    const result = readConfig(
      tag({ bot: 'b1', api: 'https://api.example/chat/', position: 'bottom-left', open: 'never', locale: 'de', params: 'start, text' }),
      'https://s.example/',
      'en',
    )
    expect(result).toMatchObject({
      ok: true,
      config: { api: 'https://api.example/chat', side: 'left', open: 'never', locale: 'de', refParams: ['ref', 'start', 'text'] },
    })
  })

  it('keeps the script tag’s nonce, for the <style> of browsers without constructable stylesheets', () => {
    const script = { ...tag({ bot: 'demo' }), nonce: 'cmFuZG9t' }
    expect(readConfig(script, 'https://s.example/', 'en')).toMatchObject({ ok: true, config: { nonce: 'cmFuZG9t' } })
  })

  it('reads data-consent: required holds everything back until consent, a bad value warns and means given', () => {
    expect(readConfig(tag({ bot: 'demo', consent: 'required' }), 'https://s.example/', 'en')).toMatchObject({
      config: { consentRequired: true },
    })
    expect(readConfig(tag({ bot: 'demo', consent: 'maybe' }), 'https://s.example/', 'en')).toMatchObject({
      config: { consentRequired: false },
      warnings: ['data-consent="maybe" is not one of given, required; using given'],
    })
  })

  it('reads data-accent as #rgb or #rrggbb; anything else is one warning and the default', () => {
    expect(readConfig(tag({ bot: 'demo', accent: '#FD3' }), 'https://s.example/', 'en')).toMatchObject({ config: { accent: '#FD3' } })
    const bad = readConfig(tag({ bot: 'demo', accent: 'red; background: url(x)' }), 'https://s.example/', 'en')
    expect(bad.ok && [bad.warnings, 'accent' in bad.config]).toEqual([
      ['data-accent="red; background: url(x)" is not a colour like #1f6feb; using the default'],
      false,
    ])
  })

  it('reads data-radius, data-font and data-theme; anything else is one warning each and the default', () => {
    const good = readConfig(tag({ bot: 'demo', radius: '0', font: '"Inter", sans-serif', theme: 'dark' }), 'https://s.example/', 'en')
    expect(good).toMatchObject({ ok: true, warnings: [], config: { radius: 0, font: '"Inter", sans-serif', theme: 'dark' } })
    expect(readConfig(tag({ bot: 'demo' }), 'https://s.example/', 'en')).toMatchObject({ config: { theme: 'auto' } })
    const bad = readConfig(tag({ bot: 'demo', radius: '25', font: 'x; color: red', theme: 'black' }), 'https://s.example/', 'en')
    expect(bad.ok && [bad.warnings, 'radius' in bad.config, 'font' in bad.config, bad.config.theme]).toEqual([
      [
        'data-radius="25" is not a number of px from 0 to 24; using the default',
        'data-font="x; color: red" is not a list of font names; using the default',
        'data-theme="black" is not one of auto, light, dark; using auto',
      ],
      false,
      false,
      'auto',
    ])
    for (const radius of ['8px', '-1', '1.5', ' 8', '008']) {
      const read = readConfig(tag({ bot: 'demo', radius }), 'https://s.example/', 'en')
      expect(read.ok && 'radius' in read.config, radius).toBe(false)
    }
  })

  it('takes the bot from p in the page address when the tag names none', () => {
    expect(readConfig(tag({}), 'https://s.example/?p=ACC1&ref=x', 'en')).toMatchObject({ ok: true, config: { bot: 'ACC1' } })
  })

  it('turns a bad value into one warning and its default', () => {
    const result = readConfig(tag({ bot: 'demo', position: 'middle', open: 'sometimes', params: 'ok,b@d' }), 'https://s.example/', 'en')
    expect(result.ok && result.warnings).toEqual([
      'data-position="middle" is not one of bottom-right, bottom-left; using bottom-right',
      'data-params holds "b@d", which is not a parameter name',
      'data-open="sometimes" is not one of auto, always, never; using auto',
    ])
    expect(result.ok && result.config.refParams).toEqual(['ref', 'ok'])
  })

  it('refuses to start without a bot, or with a bot id or backend that cannot be right', () => {
    expect(readConfig(tag({}), 'https://s.example/', 'en')).toEqual({ ok: false, error: 'no bot: add data-bot="BOT_ID" to the script tag' })
    expect(readConfig(tag({ bot: '../x' }), 'https://s.example/', 'en').ok).toBe(false)
    expect(readConfig(tag({ bot: 'demo', api: 'javascript:alert(1)' }), 'https://s.example/', 'en').ok).toBe(false)
  })
})

describe('mountDoorway’s options', () => {
  const read = (options: unknown, page = 'https://shop.example/') => readSettings(optionSettings(options), page, 'en')

  it('are read by the script tag’s rules, named as its attributes without data-', () => {
    const result = read({ bot: 'demo', api: 'https://bots.example/', position: 'bottom-left', open: 'never', params: ['start', 'text'] })
    expect(result).toMatchObject({
      ok: true,
      warnings: [],
      config: { bot: 'demo', api: 'https://bots.example', side: 'left', open: 'never', refParams: ['ref', 'start', 'text'] },
    })
  })

  it('turn a bad value into one warning naming the option, and its default', () => {
    expect(read({ bot: 'demo', api: 'https://bots.example', open: true, params: 'ok,b@d' })).toMatchObject({
      ok: true,
      warnings: ['params holds "b@d", which is not a parameter name', 'open="true" is not one of auto, always, never; using auto'],
      config: { open: 'auto', refParams: ['ref', 'ok'] },
    })
  })

  it('need a bot (or p in the address) and a backend; anything but an object is no options', () => {
    expect(read({ api: 'https://bots.example' })).toEqual({ ok: false, error: 'no bot: add bot="BOT_ID" to the options of mountDoorway' })
    expect(read({ api: 'https://bots.example' }, 'https://shop.example/?p=demo')).toMatchObject({ ok: true, config: { bot: 'demo' } })
    expect(read({ bot: 'demo' })).toEqual({ ok: false, error: 'no backend: add api="https://YOUR-BACKEND" to the options of mountDoorway' })
    expect(read({ bot: 'demo', api: 'ftp://bots.example' }).ok).toBe(false)
    expect(read(null)).toMatchObject({ ok: false })
    expect(read('demo')).toMatchObject({ ok: false })
  })
})
