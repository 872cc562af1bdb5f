import { describe, expect, it } from 'vitest'
import { normaliseAttribute, systemAttribute } from '../../widget/entry/index.ts'

describe('systemAttribute', () => {
  it.each([
    ['first_name', 'first_name'],
    ['firstName', 'first_name'],
    ['First Name', 'first_name'],
    ['FIRST _ NAME', 'first_name'],
    ['lastname', 'last_name'],
    ['Full_Name', 'full_name'],
    ['userId', 'user_id'],
    ['E mail', 'email'],
    ['PHONE', 'phone'],
    ['gender', 'gender'],
    ['Birthday', 'birthday'],
  ])('reads %s as %s', (name, attribute) => {
    expect(systemAttribute(name)).toBe(attribute)
  })

  it.each(['first-name', 'name', 'mail', 'user', 'phone1', '', 'constructor', 'hasOwnProperty', '__proto__', 'toString'])(
    'reads %s as a custom name',
    (name) => {
      expect(systemAttribute(name)).toBeNull()
    },
  )
})

const problem = (name: Parameters<typeof normaliseAttribute>[0], value: string) => {
  const checked = normaliseAttribute(name, value)
  return 'code' in checked ? checked.code : null
}

describe('normaliseAttribute', () => {
  it('stores gender in lower case, and says what it accepts', () => {
    expect(normaliseAttribute('gender', 'FeMale')).toEqual({ value: 'female' })
    expect(normaliseAttribute('gender', 'UNKNOWN')).toEqual({ value: 'unknown' })
    expect(normaliseAttribute('gender', 'robot')).toEqual({
      code: 'invalid-gender',
      reason: 'gender must be male, female or unknown, not "robot"',
    })
    expect(problem('gender', 'males')).toBe('invalid-gender')
  })

  it.each(['123', '+1 (555) 010-9999', '44.20.7946.0958', '12345678901234567890', '+((1))23'])('accepts the phone %s', (phone) => {
    expect(normaliseAttribute('phone', phone)).toEqual({ value: phone })
  })

  it.each([
    ['12', 'two digits'],
    ['123456789012345678901', '21 digits'],
    ['+', 'no digit'],
    ['call 5550100', 'words before'],
    ['5550100 ext', 'words after'],
    ['12+3456', 'a + inside'],
    ['++123', 'two +'],
    ['555\u00a00100x', 'a letter at the end'],
  ])('rejects the phone %s (%s)', (phone) => {
    expect(normaliseAttribute('phone', phone)).toEqual({
      code: 'invalid-phone',
      reason: `phone must be 3 to 20 digits with an optional leading +, not "${phone}"`,
    })
  })

  it.each(['2000-02-29', '1990-12-31', '2024-01-01'])('accepts the birthday %s', (date) => {
    expect(normaliseAttribute('birthday', date)).toEqual({ value: date })
  })

  it.each([
    '1900-02-29',
    '1990-04-31',
    '1990-00-10',
    '1990-13-01',
    '1990-01-00',
    '1990-1-01',
    '90-01-01',
    'x1990-01-01',
    '1990-01-01x',
    '01990-01-01',
    '1990-01-011',
    '28/02/1990',
    '0050-01-01',
    '0000-01-01',
  ])('rejects the birthday %s', (date) => {
    expect(normaliseAttribute('birthday', date)).toEqual({
      code: 'invalid-birthday',
      reason: `birthday must be a real date written yyyy-mm-dd, not "${date}"`,
    })
  })

  it.each(['a@b.co', 'ann.lee+tag@mail.example.co.uk', "o'neil@x.io"])('accepts the email %s', (email) => {
    expect(normaliseAttribute('email', email)).toEqual({ value: email })
  })

  it.each(['a@b', 'a b@c.co', 'x y@b.co', 'a@b.co x', 'a@b.co,c@d.co', '<a@b.co>', 'a@@b.co', 'a@b..co', 'a@.b.co', '@b.co', 'a@b.co.'])(
    'rejects the email %s',
    (email) => {
      expect(normaliseAttribute('email', email)).toEqual({
        code: 'invalid-email',
        reason: `email must be one address like name@example.com, not "${email}"`,
      })
    },
  )

  it('keeps names and ids as written', () => {
    for (const name of ['first_name', 'last_name', 'full_name', 'user_id'] as const) {
      expect(normaliseAttribute(name, 'Ann LEE 42')).toEqual({ value: 'Ann LEE 42' })
    }
  })
})
