import type { RejectionCode, SystemAttribute } from './types.ts'

// docs/entry-links.md: system attribute names are matched ignoring case, spaces and underscores,
// so `first_name`, `firstName`, `first Name` and `FIRST NAME` are all `first_name`.
const CANONICAL: Record<string, SystemAttribute> = {
  firstname: 'first_name',
  lastname: 'last_name',
  fullname: 'full_name',
  userid: 'user_id',
  email: 'email',
  phone: 'phone',
  gender: 'gender',
  birthday: 'birthday',
}

/** The canonical system attribute a name refers to, or `null` for a custom name. */
export function systemAttribute(name: string): SystemAttribute | null {
  const folded = name.toLowerCase().replace(/[\s_]/g, '')
  return Object.hasOwn(CANONICAL, folded) ? CANONICAL[folded] : null
}

export interface AttributeProblem {
  code: RejectionCode
  reason: string
}

const GENDERS = new Set(['male', 'female', 'unknown'])
// One address: no spaces, commas or angle brackets, one @, a dot in the domain.
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>".]+(\.[^\s@,;<>".]+)+$/
// Digits with the usual separators, an optional leading +, 3 to 20 digits in all.
const PHONE = /^\+?[\d\s().-]+$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

function isRealDate(value: string): boolean {
  if (!DATE.test(value)) return false
  const [year, month, day] = value.split('-').map(Number)
  // Real when the calendar writes it back unchanged: 1990-02-30 comes back as 1990-03-02, and
  // Date.UTC reads years 0 to 99 as 1900 to 1999, so 0050-01-01 comes back as 1950-01-01.
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10) === value
}

/**
 * Checks and normalises a system attribute value (docs/entry-links.md, "What is rejected, and why").
 * Returns the value to store, or the problem with it.
 */
export function normaliseAttribute(name: SystemAttribute, value: string): { value: string } | AttributeProblem {
  switch (name) {
    case 'gender': {
      const lower = value.toLowerCase()
      return GENDERS.has(lower)
        ? { value: lower }
        : { code: 'invalid-gender', reason: `gender must be male, female or unknown, not "${value}"` }
    }
    case 'birthday':
      return isRealDate(value)
        ? { value }
        : { code: 'invalid-birthday', reason: `birthday must be a real date written yyyy-mm-dd, not "${value}"` }
    case 'email':
      return EMAIL.test(value)
        ? { value }
        : { code: 'invalid-email', reason: `email must be one address like name@example.com, not "${value}"` }
    case 'phone': {
      const digits = value.replace(/\D/g, '').length
      return PHONE.test(value) && digits >= 3 && digits <= 20
        ? { value }
        : { code: 'invalid-phone', reason: `phone must be 3 to 20 digits with an optional leading +, not "${value}"` }
    }
    default:
      return { value }
  }
}
