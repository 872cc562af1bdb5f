import { describe, expect, it } from 'vitest'
import { ATTRIBUTE_INPUTS } from '../../../demo/http/bot-definitions.ts'
import { normaliseAttribute, type SystemAttribute, systemAttribute } from '../../../widget/entry/index.ts'

// The builder's input for each system attribute agrees with the codec's rule for it, so the
// page never offers a value the decoder would refuse, nor refuses one it takes.
describe("the link builder's attribute inputs", () => {
  const entries = Object.entries(ATTRIBUTE_INPUTS) as [SystemAttribute, (typeof ATTRIBUTE_INPUTS)[SystemAttribute]][]

  it('name every system attribute by its canonical name', () => {
    for (const [name] of entries) expect(systemAttribute(name)).toBe(name)
  })

  it('offer as choices only values widget/entry accepts for a choice attribute', () => {
    for (const [name, input] of entries) {
      if (input.type !== 'choice') continue
      for (const choice of input.choices) expect(normaliseAttribute(name, choice)).toEqual({ value: choice })
      expect(normaliseAttribute(name, 'robot')).toHaveProperty('code')
    }
  })

  it('ask for a date, an email or a phone where the codec checks one', () => {
    const typed = Object.fromEntries(entries.map(([name, input]) => [name, input.type]))
    expect(typed).toMatchObject({ birthday: 'date', email: 'email', phone: 'phone', gender: 'choice' })
    expect(normaliseAttribute('birthday', '1990-02-30')).toHaveProperty('code')
    for (const [name, input] of entries)
      if (input.type === 'text') expect(normaliseAttribute(name, 'any text')).toEqual({ value: 'any text' })
  })
})
