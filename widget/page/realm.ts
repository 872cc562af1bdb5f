import type { Platform } from '../transport/platform.ts'

// The host page's built-ins are the widget's too. What a hidden frame can replace, platform.ts
// takes from one; what it cannot (the prototypes of every array, object and promise the widget
// makes, JSON) is checked here by what it does, so that a correct polyfill or wrapper passes and
// a broken one stops the widget before it touches anything (docs/security.md).

/** A sample run through each array method the widget and Preact call, and its only right answer. */
type Check = [name: string, run: (sample: number[]) => unknown, answer: string]

const step = (x: number, i: number) => x - i - 1 // on [1, 3, 2]: 0, 1, -1

// Answers written out by hand; `show` writes results with a plain loop, not with the methods it checks.
// A lower-case name is an Array.prototype method.
const CHECKS: Check[] = [
  ['map', (a) => a.map(step), '[0,1,-1]'],
  ['filter', (a) => a.filter(step), '[3,2]'],
  ['some', (a) => [a.some(step), a.some((x) => x > 3)], '[true,false]'],
  ['every', (a) => [a.every(step), a.every((x) => x > 0)], '[false,true]'],
  ['find', (a) => a.find(step), '3'],
  ['flatMap', (a) => a.flatMap((x, i) => [x, i]), '[1,0,3,1,2,2]'],
  ['includes', (a) => [a.includes(3), a.includes(4)], '[true,false]'],
  ['indexOf', (a) => [a.indexOf(2), a.indexOf(4)], '[2,-1]'],
  ['join', (a) => a.join('-'), '1-3-2'],
  ['slice', (a) => a.slice(1), '[3,2]'],
  ['concat', (a) => a.concat([4], 5), '[1,3,2,4,5]'],
  ['at', (a) => [a.at(-1), a.at(0)], '[2,1]'],
  ['push', (a) => [a.push(4, 5), a], '[5,[1,3,2,4,5]]'],
  ['pop', (a) => [a.pop(), a], '[2,[1,3]]'],
  ['shift', (a) => [a.shift(), a], '[1,[3,2]]'],
  ['splice', (a) => [a.splice(1, 1, 7, 8), a], '[[3],[1,7,8,2]]'],
  ['sort', (a) => [a.sort((x, y) => y - x), [2, 10, 1].sort()], '[[3,2,1],[1,10,2]]'],
  [
    'forEach',
    (a) => {
      let seen = ''
      a.forEach((x, i) => {
        seen += x + i
      })
      return seen
    },
    '144',
  ],
  // for...of and spread, everywhere in the widget, go through the array iterator.
  ['values', (a) => [...a], '[1,3,2]'],
  ['Array.from', (a) => Array.from({ length: 2 }, (_, i) => a[i] * 2), '[2,6]'],
  ['Array.isArray', (a) => [Array.isArray(a), Array.isArray({ length: 0 })], '[true,false]'],
  ['Object.keys', () => Object.keys({ b: 1, a: 2 }), '[b,a]'],
  ['Object.entries', () => Object.entries({ b: 1 }), '[[b,1]]'],
  ['Object.assign', () => Object.assign({ a: 1 }, { b: 2 }).b, '2'],
  ['Object.hasOwn', () => [Object.hasOwn({ a: 1 }, 'a'), Object.hasOwn({}, 'toString')], '[true,false]'],
]

// An intent-like sample and its only right JSON: catches a toJSON added to any prototype too.
const SAMPLE = { ref: 'é "\n', fields: [{ key: '738', value: 1 }], flag: true, none: null }
const SAMPLE_JSON = '{"ref":"é \\"\\n","fields":[{"key":"738","value":1}],"flag":true,"none":null}'

function show(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value)
  let text = ''
  for (let i = 0; i < (value as unknown[]).length; i++) text += `${i > 0 ? ',' : ''}${show((value as unknown[])[i])}`
  return `[${text}]`
}

/**
 * Names the first built-in of this realm that the widget needs and that does not behave as the
 * language says, or returns null: keys added to Object.prototype or Array.prototype (`then` makes
 * every answer a thenable that never settles), the array methods and the JSON round trip.
 * Whether they print as native code does not matter: a correct polyfill does.
 */
export function findTampering(): string | null {
  try {
    const key = polluted('Object', {}) ?? polluted('Array', [])
    if (key) return key
    if (JSON.stringify(SAMPLE) !== SAMPLE_JSON || JSON.stringify(JSON.parse(SAMPLE_JSON)) !== SAMPLE_JSON) return 'JSON'
    // Indexed, not for...of: the array iterator is one of the things checked.
    for (let i = 0; i < CHECKS.length; i++) {
      const name = CHECKS[i][0]
      if (show(CHECKS[i][1]([1, 3, 2])) !== CHECKS[i][2]) return name < 'a' ? name : `Array.prototype.${name}`
    }
    return null
  } catch (error) {
    return `a built-in (${error})`
  }
}

function polluted(name: string, sample: object): string | null {
  for (const key in sample) return `${name}.prototype.${key}`
  if ('then' in sample) return `${name}.prototype.then`
  if ('toJSON' in sample) return `${name}.prototype.toJSON`
  return null
}

/**
 * Calls `done(null)` once promises called back before a timer of 0 ms fired, as the language
 * says, and else `done` with what is broken: a `then` that never calls back would stall every
 * answer. Asked of the global Promise and of the promises async functions return (zone.js wraps
 * both, correctly). The timer is the page's setTimeout, on which Preact and nanostores schedule
 * their renders: it must call back too, and `platform`'s timer, which the page cannot have
 * replaced, says when it is too late.
 */
export function checkCallbacks(platform: Pick<Platform, 'setTimeout' | 'clearTimeout'>, done: (broken: string | null) => void): void {
  let settled = 0
  let over = false
  const count = (value: unknown) => {
    if (value === 2) settled++
  }
  const finish = (broken: string | null) => {
    if (over) return
    over = true
    platform.clearTimeout(late)
    done(broken)
  }
  const late = platform.setTimeout(() => finish('setTimeout'), 3000)
  try {
    Promise.resolve(1)
      .then((x) => x + 1)
      .then(count)
    ;(async () => 1)()
      .then((x) => x + 1)
      .then(count)
  } catch {
    // a `then` that throws is counted as not calling back
  }
  try {
    setTimeout(() => finish(settled === 2 ? null : 'Promise.prototype.then'), 0)
  } catch {
    // too late, then
  }
}
