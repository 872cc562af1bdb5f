// A fresh project that installs the packed package as an app would: its page, its entry
// modules and a type check, written into a temporary folder (test/package/pack.test.ts).
import { execFile } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { build } from 'vite'

const run = promisify(execFile)

const page = (title: string, body: string) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>${title}</title><link rel="icon" href="data:," /></head>
  <body>
    <p>${title}</p>
    ${body}
  </body>
</html>
`

/** The files of the project; `tarball` is the packed package. */
const FILES = (tarball: string): Record<string, string> => ({
  'package.json': JSON.stringify({
    name: 'doorway-pack-check',
    private: true,
    type: 'module',
    dependencies: { doorway: `file:${tarball}` },
  }),
  'index.html': page('An app that mounts the widget', '<script type="module" src="./mount.ts"></script>'),
  // The backend is the page's origin: api="/" is read against the page address.
  'element.html': page(
    'An app that uses markup',
    '<doorway-chat bot="demo" api="/"></doorway-chat><script type="module" src="./element.ts"></script>',
  ),
  'later.html': page('An app that mounts the widget later', '<script type="module" src="./later.ts"></script>'),
  'mount.ts': `import { mountDoorway, type DoorwayApi } from 'doorway'
import { parseEntryLink } from 'doorway/entry'

declare global {
  interface Window { doorway: DoorwayApi; decoded: ReturnType<typeof parseEntryLink>; early: Promise<unknown>; mountAgain(): DoorwayApi }
}
// Decoded before the widget scrubs the address, with the package's own codec.
window.decoded = parseEntryLink(location.href)
window.doorway = mountDoorway({ bot: 'demo', api: location.origin, position: 'bottom-left' })
window.mountAgain = () => mountDoorway({ bot: 'demo', api: location.origin })
// Called before the widget is ready: it waits for it, and its promise settles with the backend's answer.
window.early = window.doorway.set({ user: { email: 'early@example.com' } })
`,
  'element.ts': `import 'doorway/element'
`,
  // An app that mounts the widget late, on a route that received a link after the page loaded.
  'later.ts': `import { mountDoorway } from 'doorway'

addEventListener('load', () =>
  setTimeout(() => {
    history.pushState(null, '', '?ref=giveaway--654')
    mountDoorway({ bot: 'demo', api: location.origin })
  }, 200),
)
`,
  // Types only: what an app's editor and tsc see of the package.
  'check.ts': `import { buildEntryLink, type EntryIntent, parseEntryLink, type BuildResult, type Rejection } from 'doorway/entry'
import { type DoorwayApi, type DoorwayElement, type DoorwayOptions, defineDoorwayElement, mountDoorway } from 'doorway'

const intent: EntryIntent = parseEntryLink('https://shop.example/?ref=giveaway--456')
const ref: string | null = intent.ref
const rejected: Rejection[] = intent.rejected
const built: BuildResult = buildEntryLink({ ref: 'giveaway', payload: '456' }, { channel: 'telegram', to: 'ShopBot' })
const options: DoorwayOptions = { bot: 'demo', api: 'https://bots.example', open: 'never', params: ['start'] }
// @ts-expect-error: the widget has no such position
const wrong: DoorwayOptions = { position: 'middle' }
const api: DoorwayApi = mountDoorway(options)
api.on('ready', () => undefined)
defineDoorwayElement()
const element: DoorwayElement = document.createElement('doorway-chat')
const fromElement: DoorwayApi | null = element.doorway
export { ref, rejected, built, wrong, fromElement }
`,
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      module: 'ESNext',
      moduleResolution: 'Bundler',
      strict: true,
      noEmit: true,
      // The package's declarations are checked too, as an app with the default settings checks them.
      skipLibCheck: false,
      types: [],
    },
    include: ['*.ts'],
  }),
})

/** Writes the project into `dir` and installs the tarball with its dependencies, from npm's cache when it has them. */
export async function createProject(dir: string, tarball: string): Promise<void> {
  mkdirSync(dir, { recursive: true })
  for (const [name, text] of Object.entries(FILES(tarball))) writeFileSync(join(dir, name), text)
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, timeout: 180_000 })
}

/** Runs this repository's tsc on the project; resolves with its output, rejects with it when a type is wrong. */
export async function typeCheck(dir: string): Promise<string> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  try {
    const { stdout } = await run(process.execPath, [tsc, '-p', dir], { cwd: dir, timeout: 120_000 })
    return stdout
  } catch (error) {
    throw new Error(`tsc found errors in the project:\n${(error as { stdout?: string }).stdout ?? error}`)
  }
}

/** Builds the project's pages with Vite, as the app's own build would, for serving under `base`. */
export async function buildProject(dir: string, base: string): Promise<string> {
  const outDir = join(dir, 'dist')
  await build({
    root: dir,
    base,
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      rolldownOptions: { input: Object.fromEntries(['index', 'element', 'later'].map((name) => [name, join(dir, `${name}.html`)])) },
    },
  })
  return outDir
}
