// demo/http/input-limits.ts at its exact limits, written as literal numbers.
import { describe, expect, it } from 'vitest'
import { checkJsonPayload, checkJsonTree, checkLength } from '../../../demo/http/input-limits.ts'

const codeOf = (fn: () => void): string | null => {
  try {
    fn()
    return null
  } catch (error) {
    return (error as { code: string }).code
  }
}

describe('checkJsonTree', () => {
  it('takes 20,000 values and refuses the 20,001st', () => {
    // The root array is one value: 19,999 items make 20,000.
    expect(codeOf(() => checkJsonTree(Array.from({ length: 19_999 }, () => 1)))).toBeNull()
    expect(codeOf(() => checkJsonTree(Array.from({ length: 20_000 }, () => 1)))).toBe('too_many_values')
  })

  it('finds a lone surrogate in a key or a string at any depth, and lets pairs and fractions through', () => {
    expect(codeOf(() => checkJsonTree({ a: { b: [{ '\udc00': 'x' }] } }))).toBe('invalid_unicode')
    expect(codeOf(() => checkJsonTree({ a: { b: [['x', 'y\ud800']] } }))).toBe('invalid_unicode')
    expect(codeOf(() => checkJsonTree({ 'é🎁': ['🎁', 1.5, -0.25, 9007199254740991, null, true] }))).toBeNull()
    expect(codeOf(() => checkJsonTree({ a: [9007199254740992] }))).toBe('unsafe_number')
  })
})

describe('checkJsonPayload', () => {
  it('takes keys and strings of 1,024 characters and refuses 1,025', () => {
    expect(codeOf(() => checkJsonPayload({ ['k'.repeat(1024)]: 'v'.repeat(1024) }))).toBeNull()
    expect(codeOf(() => checkJsonPayload({ ['k'.repeat(1025)]: 'v' }))).toBe('invalid_intent')
    expect(codeOf(() => checkJsonPayload({ k: ['v'.repeat(1025)] }))).toBe('invalid_intent')
  })
})

describe('checkLength', () => {
  it('takes 8,192 characters by default and refuses 8,193; takes a given limit exactly', () => {
    expect(codeOf(() => checkLength('ref', 'r'.repeat(8192)))).toBeNull()
    expect(codeOf(() => checkLength('ref', 'r'.repeat(8193)))).toBe('invalid_intent')
    expect(codeOf(() => checkLength('sig', 's'.repeat(128), 128))).toBeNull()
    expect(codeOf(() => checkLength('sig', 's'.repeat(129), 128))).toBe('invalid_intent')
  })
})
