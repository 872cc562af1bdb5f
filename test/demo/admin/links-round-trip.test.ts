import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type BuilderForm, CHANNEL_ORDER, emptyForm, type ValueRow } from '../../../demo/admin/links/builder-form.ts'
import { channelLinks } from '../../../demo/admin/links/channel-links.ts'
import { checkForm } from '../../../demo/admin/links/check-form.ts'
import { loadBots } from '../../../demo/bot/load.ts'
import { checkTyped } from '../../../demo/bot/values.ts'
import { botDefinitions } from '../../../demo/http/bot-definitions.ts'
import { type Channel, type Dialect, type EntryIntent, parseEntryLink } from '../../../widget/entry/index.ts'
import { isPlaceholder } from '../../../widget/entry/placeholders.ts'
import { root } from '../server-harness.ts'

// What the builder writes, the decoder reads back to the same intent: for every dialect and
// channel, from forms filled in with the demo bot's own definitions.
const bot = botDefinitions(loadBots(join(root, 'demo', 'bots')).get('demo') as never)
const TARGETS: Record<Channel, string> = {
  web: 'https://shop.example/landing',
  messenger: 'doorwayshoes',
  instagram: 'doorway.shoes',
  whatsapp: '4915112345678',
  telegram: 'DoorwayBot',
  viber: 'doorway',
  sms: '+4915112345678',
}
const DIALECTS: (Dialect | undefined)[] = [undefined, 'dashed', 'segments', 'base64json']

const text = fc
  .string({ minLength: 1, maxLength: 12, unit: 'grapheme' })
  .filter((s) => checkTyped('text', s, 'v').ok && s === s.trim() && !isPlaceholder(s))
const valuesOfType: Record<string, fc.Arbitrary<string>> = {
  text,
  number: fc.integer({ min: -9999, max: 99999 }).map(String),
  email: fc.constantFrom('ana@example.com', 'b.c+tag@shop.example.org'),
  phone: fc.constantFrom('+4915112345678', '030 1234567'),
  date: fc.date({ min: new Date('1930-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
}

const row = fc.oneof(
  fc.constantFrom(...bot.fields).chain((f) => valuesOfType[f.type].map((value) => ({ kind: 'field' as const, name: f.id, value }))),
  fc.constantFrom(...bot.variables).chain((v) => valuesOfType[v.type].map((value) => ({ kind: 'variable' as const, name: v.name, value }))),
  fc.constantFrom(...bot.systemAttributes.filter((a) => a.name !== 'user_id')).chain((a) =>
    (a.type === 'choice' ? fc.constantFrom(...a.choices) : valuesOfType[a.type]).map((value) => ({
      kind: 'user' as const,
      name: a.name,
      value,
    })),
  ),
)

const form = fc
  .record({
    start: fc.constantFrom('', ...bot.links.map((l) => `link:${l.name}`), ...bot.blocks.slice(0, 5).map((b) => `block:${b}`)),
    rows: fc.uniqueArray(row, { maxLength: 4, selector: (r) => `${r.kind}:${r.name}` }),
  })
  .map(
    ({ start, rows }): BuilderForm => ({
      ...emptyForm('demo', TARGETS.web),
      targets: TARGETS,
      start,
      values: rows.map((r, i): ValueRow => ({ id: i + 1, ...r, merge: false })),
    }),
  )

function same(decoded: EntryIntent, intent: NonNullable<ReturnType<typeof checkForm>['intent']>) {
  expect(decoded.rejected).toEqual([])
  expect(decoded.ref).toBe(intent.ref ?? null)
  expect(decoded.block).toBe(intent.block ?? null)
  expect(decoded.payload).toBe(intent.payload ?? null)
  expect(decoded.fields).toEqual(intent.fields ?? [])
  expect(decoded.user).toEqual(intent.user ?? {})
  expect(decoded.variables).toEqual(intent.variables ?? {})
}

describe('the link builder', () => {
  it('writes links that the decoder reads back to the form, for every dialect and channel', () => {
    const built = new Map<string, number>()
    fc.assert(
      fc.property(form, fc.constantFrom(...DIALECTS), (filled, dialect) => {
        const checked = checkForm(filled, bot)
        fc.pre(checked.intent !== null && Object.keys(checked.intent).length > 0)
        expect(checked.problems).toEqual({})
        const intent = checked.intent as NonNullable<typeof checked.intent>
        for (const result of channelLinks(intent, [], TARGETS, { dialect })) {
          if (!result.ok) {
            // Never a silent failure: every link not written says why.
            expect(result.reasons.length).toBeGreaterThan(0)
            continue
          }
          const key = `${result.channel}/${result.dialect}`
          built.set(key, (built.get(key) ?? 0) + 1)
          const params = result.channel === 'web' ? undefined : { params: { ref: [result.param] } }
          same(parseEntryLink(result.link, params), intent)
        }
      }),
      { numRuns: 300 },
    )
    // The property held on links of every dialect on every channel that carries it.
    for (const channel of CHANNEL_ORDER) expect(built.get(`${channel}/dashed`), channel).toBeGreaterThan(0)
    for (const channel of ['web', 'messenger', 'whatsapp', 'viber', 'sms'])
      expect(built.get(`${channel}/segments`), channel).toBeGreaterThan(0)
    // base64json carries little (an external id, email and phone): forms of only that reach it.
    const few = {
      ...emptyForm('demo', TARGETS.web),
      values: [{ id: 1, kind: 'user' as const, name: 'email', value: 'ana@example.com', merge: false }],
    }
    const intent = checkForm(few, bot).intent as NonNullable<ReturnType<typeof checkForm>['intent']>
    for (const result of channelLinks(intent, [], TARGETS, { dialect: 'base64json' })) {
      if (!result.ok) throw new Error(`${result.channel}: ${result.reasons.join('; ')}`)
      same(parseEntryLink(result.link, result.channel === 'web' ? undefined : { params: { ref: [result.param] } }), intent)
    }
  })

  it('puts a merge tag in the link as typed, where a filled-in value reads back as that value', () => {
    fc.assert(
      fc.property(fc.constantFrom<Dialect>('dashed', 'segments'), text, (dialect, filledIn) => {
        const filled: BuilderForm = {
          ...emptyForm('demo', TARGETS.web),
          start: 'link:FLOW9',
          values: [{ id: 1, kind: 'user', name: 'email', value: '{{email}}', merge: true }],
        }
        const checked = checkForm(filled, bot)
        expect(checked.problems).toEqual({})
        const [web] = channelLinks(checked.intent as never, checked.merges, { ...TARGETS, messenger: '' }, { dialect })
        if (!web.ok) throw new Error(web.reasons.join('; '))
        expect(web.link).toContain('{{email}}')
        const address = `ana.${encodeURIComponent(filledIn.replace(/[^a-z0-9]/gi, 'x'))}@example.com`
        const decoded = parseEntryLink(web.link.replace('{{email}}', encodeURIComponent(address)))
        expect(decoded.user.email).toBe(address)
        expect(decoded.ref).toBe('FLOW9')
      }),
      { numRuns: 50 },
    )
  })

  it('says why base64json cannot carry a merge tag', () => {
    const filled: BuilderForm = {
      ...emptyForm('demo', TARGETS.web),
      values: [{ id: 1, kind: 'user', name: 'email', value: '{{email}}', merge: true }],
    }
    const checked = checkForm(filled, bot)
    const [web] = channelLinks(checked.intent as never, checked.merges, TARGETS, { dialect: 'base64json' })
    expect(web.ok).toBe(false)
    if (!web.ok) expect(web.reasons[0]).toMatch(/base64json dialect cannot carry the merge tag \{\{email\}\}/)
  })
})

describe('checking the form', () => {
  const base = emptyForm('demo', TARGETS.web)
  const rowOf = (r: Partial<ValueRow>): ValueRow => ({ id: 1, kind: 'field', name: '514', value: '', merge: false, ...r })
  it.each([
    [{ values: [rowOf({ value: 'big' })] }, 'value-1', /shoe_size must be a number, not "big"/],
    [{ values: [rowOf({ kind: 'user', name: 'birthday', value: '1990-02-30' })] }, 'value-1', /birthday must be a real date/],
    [{ values: [rowOf({ kind: 'user', name: 'email', value: 'ana@' })] }, 'value-1', /email must be one address/],
    [{ values: [rowOf({ kind: 'user', name: 'gender', value: 'robot' })] }, 'value-1', /gender must be male, female or unknown/],
    [{ values: [rowOf({ kind: 'user', name: 'user_id', value: 'cust-42' })] }, 'value-1', /only from a signed link/],
    [{ values: [rowOf({ value: '{{size}}' })] }, 'value-1', /tick "merge tag"/],
    [{ values: [rowOf({ kind: 'user', name: 'user_id', value: '{{uid}}', merge: true })] }, 'value-1', /user_id needs a signed link/],
    [{ values: [rowOf({ kind: 'user', name: 'email', value: '{{a--user_id--victim}}', merge: true })] }, 'value-1', /cannot hold "--"/],
    [{ values: [rowOf({ value: 'size', merge: true })] }, 'value-1', /like \{\{email\}\}/],
    [{ values: [rowOf({ name: '' })] }, 'name-1', /pick what this value sets/],
    [{ values: [rowOf({ value: '1' }), rowOf({ id: 2, value: '2' })] }, 'name-2', /set twice/],
    [{ values: [rowOf({ value: '' })] }, 'value-1', /enter a value/],
    [{ start: 'link:nope' }, 'start', /"nope" is not an entry link/],
    [{ start: 'block:nope' }, 'start', /"nope" is not a block/],
    [{ start: '' }, 'start', /nothing to carry/],
    [{ start: 'link:giveaway', sign: true, ttlHours: '0' }, 'ttl', /whole number of hours from 1/],
    [{ start: 'link:giveaway', sign: true, values: [rowOf({ value: '{{n}}', merge: true })] }, 'sign', /cannot hold merge tags/],
  ])('refuses %j with a message on %s', (change, input, message) => {
    const checked = checkForm({ ...base, ...change } as BuilderForm, bot)
    expect(checked.intent).toBeNull()
    expect(checked.problems[input]).toMatch(message)
  })

  it('keeps values as the bot stores them and accepts user_id on a signed link', () => {
    const checked = checkForm(
      {
        ...base,
        sign: true,
        values: [
          rowOf({ kind: 'user', name: 'gender', value: 'female' }),
          rowOf({ id: 2, kind: 'user', name: 'user_id', value: 'cust-42' }),
        ],
      },
      bot,
    )
    expect(checked.problems).toEqual({})
    expect(checked.intent).toEqual({ user: { gender: 'female', user_id: 'cust-42' } })
  })
})
