export type Fn = (...args: unknown[]) => unknown

/** The value at a dotted `path` of `from`, e.g. `Storage.prototype.getItem`; undefined where a step is missing. */
export function read(from: unknown, path: string): Fn | undefined {
  let value = from
  for (const key of path.split('.')) value = (value as Record<string, unknown> | null | undefined)?.[key]
  return value as Fn | undefined
}

/** Whether `print`, a Function.prototype.toString, shows `fn` as the browser's own code under `path`'s name. */
export function isNative(print: unknown, fn: unknown, path: string): boolean {
  const squash = (text: string) => text.replace(/\s/g, '')
  const name = path.slice(path.lastIndexOf('.') + 1)
  return typeof fn === 'function' && squash((print as Fn).call(fn) as string) === squash(`function ${name}() { [native code] }`)
}
