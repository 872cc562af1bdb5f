// The host page's built-ins are the widget's too: one the page replaced could drop or empty what
// the widget sends (docs/security.md). They are checked before the widget touches anything.

/** Functions the widget needs, by path from the window: each must still be the browser's own. */
const NATIVE = `fetch EventSource setTimeout clearTimeout crypto.getRandomValues history.replaceState
Promise.prototype.then JSON.parse JSON.stringify Object.keys Object.entries Object.assign Array.from Array.isArray
Storage.prototype.getItem Storage.prototype.setItem Storage.prototype.removeItem Storage.prototype.key
Array.prototype.map Array.prototype.filter Array.prototype.some Array.prototype.every Array.prototype.includes
Array.prototype.find Array.prototype.forEach Array.prototype.flatMap Array.prototype.join Array.prototype.push
Array.prototype.slice Array.prototype.indexOf`

// An intent-like sample and its only right JSON: catches a toJSON added to any prototype too.
const SAMPLE = { ref: 'é "\n', fields: [{ key: '738', value: 1 }], flag: true, none: null }
const SAMPLE_JSON = '{"ref":"é \\"\\n","fields":[{"key":"738","value":1}],"flag":true,"none":null}'

/**
 * Names the first built-in the page replaced that the widget needs, or returns null when there
 * is none. Behavioural checks: keys added to Object.prototype or Array.prototype (`then` makes
 * every answer a thenable that never settles), a JSON round trip. Then each function of NATIVE
 * must print as native code under its own name (a wrapper, a bound function or a Proxy does not).
 * Function.prototype.toString itself is not checked: monitoring scripts (Sentry's default
 * FunctionToString integration) replace it so that their transparent wrappers print as the
 * originals, and a page that lies about toString can lie about itself too.
 */
export function findTampering(win: Window & typeof globalThis): string | null {
  try {
    for (const [name, sample] of [
      ['Object', {}],
      ['Array', []],
    ] as const) {
      for (const key in sample) return `${name}.prototype.${key}`
      for (const key of ['then', 'toJSON']) if (key in sample) return `${name}.prototype.${key}`
    }
    if (JSON.stringify(SAMPLE) !== SAMPLE_JSON || JSON.stringify(JSON.parse(SAMPLE_JSON)) !== SAMPLE_JSON) return 'JSON'
    const print = Function.prototype.toString
    for (const path of NATIVE.split(/\s+/)) {
      let fn: unknown = win
      for (const key of path.split('.')) fn = (fn as Record<string, unknown> | undefined)?.[key]
      // Absent is not replaced: the widget does without EventSource.
      if (fn === undefined) continue
      if (typeof fn !== 'function' || print.call(fn).replace(/\s/g, '') !== `function${fn.name}(){[nativecode]}`) return path
    }
    return null
  } catch (error) {
    return `a built-in (${error})`
  }
}
