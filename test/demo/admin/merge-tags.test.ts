import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type BuilderForm, emptyForm, type ValueRow } from '../../../demo/admin/links/builder-form.ts'
import { channelLinks } from '../../../demo/admin/links/channel-links.ts'
import { checkForm } from '../../../demo/admin/links/check-form.ts'
import { loadBots } from '../../../demo/bot/load.ts'
import { botDefinitions } from '../../../demo/http/bot-definitions.ts'
import { type Channel, type Dialect, type EntryIntent, parseEntryLink } from '../../../widget/entry/index.ts'
import { isPlaceholder } from '../../../widget/entry/placeholders.ts'
import { root } from '../server-harness.ts'

// A merge tag goes into the link as typed; left unfilled by the mail tool, it must stay one
// value that reads back as itself, and never become other values of the link.
const bot = botDefinitions(loadBots(join(root, 'demo', 'bots')).get('demo') as never)
const TARGETS = { ...emptyForm('demo', '').targets, web: 'https://shop.example/landing' } as Record<Channel, string>

/** FLOW9 with a gender and the field `coupon` set to the tag, as a merge tag. */
function formWith(tag: string, extra: Partial<ValueRow> = {}): BuilderForm {
  return {
    ...emptyForm('demo', TARGETS.web),
    start: 'link:FLOW9',
    values: [
      { id: 1, kind: 'user', name: 'gender', value: 'female', merge: false },
      { id: 2, kind: 'field', name: '738', value: tag, merge: true, ...extra },
    ],
  }
}

function webLink(form: BuilderForm, dialect: Dialect): string {
  const checked = checkForm(form, bot)
  expect(checked.problems).toEqual({})
  const [web] = channelLinks(checked.intent as never, checked.merges, TARGETS, { dialect })
  if (!web.ok) throw new Error(web.reasons.join('; '))
  return web.link
}

/** The decoder read the coupon's slot back as the tag: kept as typed, or refused as a placeholder. */
const readsBack = (decoded: EntryIntent, tag: string) =>
  decoded.fields.some((f) => f.key === 'coupon' && f.value === tag) ||
  decoded.rejected.some((r) => r.code === 'placeholder' && (r.part.endsWith(`coupon--${tag}`) || r.part.endsWith(`coupon:${tag}`)))

describe('merge tags', () => {
  it.each([
    ['{{a&ref=evil#x}}', /cannot hold "&"/],
    ['{{a--user_id--victim}}', /cannot hold "--"/],
    ['{{a#b}}', /cannot hold "#"/],
    ['{{a?b}}', /cannot hold "\?"/],
    ['{{a=b}}', /cannot hold "="/],
    ['{{a+b}}', /cannot hold "\+"/],
    ['{{a;b}}', /cannot hold ";"/],
    ['{{a"b}}', /cannot hold """/],
    ["{{ first_name|default:'there' }}", /cannot hold "'"/],
    ['{{a<b>}}', /cannot hold "<"/],
    ['{{a\tb}}', /cannot hold a tab/],
    ['{{a%b}}', /cannot hold "%"/],
    ['{{a%41}}', /cannot hold "%"/],
    ['%%ab%%', /cannot hold "%"/],
  ])('refuses %s next to its input, naming the character', (tag, message) => {
    const checked = checkForm(formWith(tag), bot)
    expect(checked.intent).toBeNull()
    expect(checked.problems['value-2']).toMatch(message)
  })

  it.each(['{{first_name}}', '{{ contact.firstname }}', '{{a - - b}}', '*|FNAME|*', '%%First Name%%', '[email]', '{{a$$b}}', '{{x$}}'])(
    'writes %s into the link as typed',
    (tag) => {
      for (const dialect of ['dashed', 'segments'] as Dialect[]) {
        const link = webLink(formWith(tag), dialect)
        expect(link).toContain(tag)
        // Unfilled, the tag reads back as itself (a space arrives as %20): refused as a placeholder or kept as typed.
        const decoded = parseEntryLink(new URL(link).href)
        expect(decoded.user).toEqual({ gender: 'female' })
        expect(decoded.ref).toBe('FLOW9')
        expect(readsBack(decoded, tag), JSON.stringify(decoded)).toBe(true)
      }
    },
  )

  it("puts tags back by slicing: $' $& $` $$ in a tag are not replacement patterns", () => {
    const tags = ["{{x$'}}", '{{$&$&}}', '{{$`y}}']
    const merges = tags.map((tag, i) => ({
      row: i + 1,
      kind: 'field' as const,
      key: ['coupon', 'account_id', 'Source'][i],
      tag,
      type: 'text' as const,
    }))
    const intent = { ref: 'FLOW9', fields: merges.map((m) => ({ key: m.key, value: m.tag })) }
    const [web] = channelLinks(intent, merges, TARGETS, { dialect: 'dashed' })
    if (!web.ok) throw new Error(web.reasons.join('; '))
    expect(web.link).toBe(`https://shop.example/landing?ref=FLOW9--coupon--{{x$'}}--account_id--{{$&$&}}--Source--{{$\`y}}`)
  })

  it('refuses user_id as a merge tag, signing on or off: a signed link cannot hold one', () => {
    for (const sign of [false, true]) {
      const form = { ...formWith('{{uid}}', { kind: 'user', name: 'user_id' }), sign }
      const checked = checkForm(form, bot)
      expect(checked.intent).toBeNull()
      expect(checked.problems['value-2']).toMatch(/user_id needs a signed link, and a signed link cannot hold merge tags/)
    }
  })

  it('never lets an unfilled tag it accepts turn into other values of the link', () => {
    const inside = fc.string({ unit: fc.constantFrom(...'ab_.:|!$()*,/~-&#%?=+;"\'`<>\\ \t{}[]é'.split('')), maxLength: 12 })
    const tag = fc.oneof(
      inside.map((s) => `{{${s}}}`),
      inside.map((s) => `*|${s}|*`),
      inside.map((s) => `%%${s}%%`),
    )
    fc.assert(
      fc.property(tag, fc.constantFrom<Dialect>('dashed', 'segments'), (typed, dialect) => {
        fc.pre(isPlaceholder(typed) && typed === typed.trim())
        const checked = checkForm(formWith(typed), bot)
        if (checked.intent === null) return
        const [web] = channelLinks(checked.intent, checked.merges, TARGETS, { dialect })
        if (!web.ok) return
        expect(web.link).toContain(typed)
        const decoded = parseEntryLink(new URL(web.link).href)
        expect(decoded.ref).toBe('FLOW9')
        expect(decoded.user).toEqual({ gender: 'female' })
        expect(decoded.fields.filter((f) => f.key !== 'coupon')).toEqual([])
        expect(decoded.variables).toEqual({})
        expect(readsBack(decoded, typed), JSON.stringify(decoded)).toBe(true)
      }),
      { numRuns: 500 },
    )
  })
})
