import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// STYLE.md, "Layout": demo/ is split by concern into http/, bot/, store/, cli/, webhooks/ and admin/ (the admin pages), with no
// import cycle, and uses of the widget only the codec (widget/entry) and the protocol types.
// example-bot/ is a bot of someone else's, to copy: it imports nothing of Doorway's.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const FOLDERS = ['http', 'bot', 'store', 'cli', 'webhooks', 'admin', 'example-bot']

/** The .ts files under a folder; a folder that is not there fails the test, never passes it. */
function sources(dir: string): string[] {
  if (!existsSync(join(root, dir))) throw new Error(`${dir} is not in the repository`)
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

/** Every relative import of a file (type-only ones too: a cycle of types is a cycle), resolved from the project folder. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8')
  const specifiers = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g),
    ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1])
  return specifiers.filter((s) => s.startsWith('.')).map((s) => relative(root, resolve(root, dirname(file), s)))
}

/** One import cycle of the graph, as the files around it, or null when there is none. */
function findCycle(graph: Map<string, string[]>): string[] | null {
  const done = new Set<string>()
  const path: string[] = []
  const visit = (node: string): string[] | null => {
    const at = path.indexOf(node)
    if (at >= 0) return [...path.slice(at), node]
    if (done.has(node)) return null
    path.push(node)
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next)
      if (cycle) return cycle
    }
    path.pop()
    done.add(node)
    return null
  }
  for (const node of graph.keys()) {
    const cycle = visit(node)
    if (cycle) return cycle
  }
  return null
}

const files = sources('demo')
const graph = new Map(files.map((file) => [file, importsOf(file).filter((to) => to.startsWith('demo/'))]))

describe('demo/ architecture', () => {
  it('keeps the example bot apart: it imports only its own files', () => {
    const own = files.filter((file) => file.startsWith('demo/example-bot/'))
    expect(own.length).toBeGreaterThan(1)
    expect(own.flatMap(importsOf).filter((to) => !to.startsWith('demo/example-bot/'))).toEqual([])
  })

  it('has http/, bot/, store/, cli/, webhooks/, admin/ and example-bot/, each with code in it', () => {
    for (const folder of FOLDERS) expect(sources(`demo/${folder}`).length, folder).toBeGreaterThan(0)
  })

  it('keeps every source file in one of those folders', () => {
    const loose = files.filter((file) => !FOLDERS.some((folder) => file.startsWith(`demo/${folder}/`)))
    expect(loose).toEqual([])
  })

  it('has no import cycle', () => {
    expect(graph.size).toBeGreaterThan(10)
    expect(findCycle(graph)).toBeNull()
  })

  it('finds a cycle when there is one, so the check above can fail', () => {
    const cyclic = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ])
    expect(findCycle(cyclic)).toEqual(['a', 'b', 'c', 'a'])
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', []],
          ['c', ['a', 'b']],
        ]),
      ),
    ).toBeNull()
  })

  it('imports of the widget only widget/entry and the protocol types', () => {
    const intoWidget = files
      .flatMap((file) => importsOf(file).map((to): [string, string] => [file, to]))
      .filter(([, to]) => to.startsWith('widget/'))
    expect(intoWidget.length).toBeGreaterThan(0)
    const crossing = intoWidget.filter(([, to]) => !to.startsWith('widget/entry/') && to !== 'widget/transport/protocol.ts')
    expect(crossing).toEqual([])
  })

  it('takes the entry rules from widget/entry instead of writing them again', () => {
    const copies = files.filter((file) => /'__proto__'|'first_name',/.test(readFileSync(join(root, file), 'utf8')))
    expect(copies).toEqual([])
  })
})
