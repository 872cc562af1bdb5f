import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// STYLE.md: imports flow one way, ui -> state -> transport -> entry, embed -> everything;
// page/ (the host page's built-ins, address and storage) stands beside state, on transport;
// nothing imports embed; demo/ uses only widget/entry and the protocol types.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const ALLOWED: Record<string, string[]> = {
  entry: ['entry'],
  transport: ['transport', 'entry'],
  state: ['state', 'transport', 'entry'],
  ui: ['ui', 'state', 'transport', 'entry'],
  page: ['page', 'transport', 'entry'],
  embed: ['embed', 'page', 'ui', 'state', 'transport', 'entry'],
}

/** The .ts and .tsx files under a folder; a folder that is not there fails the test, never passes it. */
function sources(dir: string): string[] {
  if (!existsSync(join(root, dir))) throw new Error(`${dir} is not in the repository`)
  let files: string[] = []
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) files = files.concat(sources(path))
    else if (/\.tsx?$/.test(entry.name)) files.push(path)
  }
  return files
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8')
  return [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g),
    ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1])
}

function target(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null
  return relative(root, resolve(root, dirname(file), specifier))
}

/** Every relative import of the files, as `file -> target`. */
function edges(files: string[]): [from: string, to: string][] {
  const found: [string, string][] = []
  for (const file of files) {
    for (const specifier of imports(file)) {
      const to = target(file, specifier)
      if (to !== null) found.push([file, to])
    }
  }
  return found
}

describe('architecture', () => {
  it('has exactly the widget folders the arrows are drawn for, each with code in it', () => {
    const folders = readdirSync(join(root, 'widget'), { withFileTypes: true }).filter((entry) => entry.isDirectory())
    expect(folders.map((entry) => entry.name).sort()).toEqual(Object.keys(ALLOWED).sort())
    for (const folder of Object.keys(ALLOWED)) expect(sources(`widget/${folder}`).length, folder).toBeGreaterThan(0)
  })

  it('keeps the widget folders importing only down the arrows', () => {
    const found = edges(sources('widget'))
    expect(found.length).toBeGreaterThan(20)
    const broken = found
      .filter(([file, to]) => !to.startsWith('widget/') || !(ALLOWED[file.split('/')[1]] ?? []).includes(to.split('/')[1]))
      .map(([file, to]) => `${file} -> ${to}`)
    expect(broken).toEqual([])
  })

  it('keeps widget/entry pure: no packages, no DOM, no platform globals', () => {
    const files = sources('widget/entry')
    expect(files.length).toBeGreaterThan(5)
    const impure: string[] = []
    for (const file of files) {
      for (const specifier of imports(file)) if (!/^\.\/[\w.-]+\.ts$/.test(specifier)) impure.push(`${file} imports ${specifier}`)
      const code = readFileSync(join(root, file), 'utf8').replace(/\/\/.*$/gm, '')
      const global = /\b(window|document|localStorage|sessionStorage|navigator|location|history|fetch|XMLHttpRequest|EventSource)\b/.exec(
        code,
      )
      if (global) impure.push(`${file} uses ${global[0]}`)
    }
    expect(impure).toEqual([])
  })

  it('lets demo/ use only widget/entry and the protocol types of the widget', () => {
    const intoWidget = edges(sources('demo')).filter(([, to]) => to.startsWith('widget/'))
    // The backend does use the codec: a check that sees no import would prove nothing.
    expect(intoWidget.some(([, to]) => to.startsWith('widget/entry/'))).toBe(true)
    const broken = intoWidget
      .filter(([, to]) => !/^widget\/(entry\/|transport\/protocol\.ts$)/.test(to))
      .map(([file, to]) => `${file} -> ${to}`)
    expect(broken).toEqual([])
  })

  it('finds the imports it checks, in every form the code writes them', () => {
    expect(imports('widget/entry/index.ts')).toContain('./parse.ts')
    expect(edges(['widget/entry/parse.ts'])).toContainEqual(['widget/entry/parse.ts', 'widget/entry/query.ts'])
  })
})
