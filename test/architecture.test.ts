import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// STYLE.md: imports flow one way, ui -> state -> transport -> entry, embed -> everything;
// nothing imports embed; demo/ uses only widget/entry and the protocol types.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const ALLOWED: Record<string, string[]> = {
  entry: ['entry'],
  transport: ['transport', 'entry'],
  state: ['state', 'transport', 'entry'],
  ui: ['ui', 'state', 'transport', 'entry'],
  embed: ['embed', 'ui', 'state', 'transport', 'entry'],
}

function sources(dir: string): string[] {
  let files: string[] = []
  try {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) files = files.concat(sources(path))
      else if (/\.tsx?$/.test(entry.name)) files.push(path)
    }
  } catch {
    // a folder that does not exist yet has nothing to check
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

describe('architecture', () => {
  it('keeps the widget folders importing only down the arrows', () => {
    const broken: string[] = []
    for (const file of sources('widget')) {
      const folder = file.split('/')[1]
      for (const specifier of imports(file)) {
        const to = target(file, specifier)
        if (to === null) continue
        const toFolder = to.split('/')[1]
        if (!to.startsWith('widget/') || !(ALLOWED[folder] ?? []).includes(toFolder)) broken.push(`${file} -> ${to}`)
      }
    }
    expect(broken).toEqual([])
  })

  it('keeps widget/entry pure: no packages, no DOM, no platform globals', () => {
    const files = sources('widget/entry')
    expect(files.length).toBeGreaterThan(5)
    for (const file of files) {
      for (const specifier of imports(file)) expect(specifier, file).toMatch(/^\.\/[\w.-]+\.ts$/)
      const code = readFileSync(join(root, file), 'utf8').replace(/\/\/.*$/gm, '')
      expect(code, file).not.toMatch(
        /\b(window|document|localStorage|sessionStorage|navigator|location|history|fetch|XMLHttpRequest|EventSource)\b/,
      )
    }
  })

  it('lets demo/ use only widget/entry and the protocol types of the widget', () => {
    for (const file of sources('demo')) {
      for (const specifier of imports(file)) {
        const to = target(file, specifier)
        if (to?.startsWith('widget/')) expect(to, file).toMatch(/^widget\/(entry\/|transport\/protocol\.ts$)/)
      }
    }
  })
})
