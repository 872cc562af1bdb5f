// Builds the scripts `npm run bench:boot` serves: the widget's two files with the project's own
// vite.config.ts, and the floor with the same settings, only its entry changed. Everything goes
// to `outDir`, never to dist/, which other runs may be rebuilding at the same time.
import { fileURLToPath } from 'node:url'
import { build, loadConfigFromFile, type UserConfig } from 'vite'

const root = fileURLToPath(new URL('../../..', import.meta.url))

async function projectConfig(mode: string): Promise<UserConfig> {
  const loaded = await loadConfigFromFile({ command: 'build', mode }, 'vite.config.ts', root, 'warn')
  if (!loaded) throw new Error('vite.config.ts did not load')
  return loaded.config
}

/** Builds the config of `mode` into `outDir`; `lib` replaces its entry. The config's chaining plugin is left out: each file is built here. */
async function buildInto(outDir: string, config: UserConfig, lib?: NonNullable<UserConfig['build']>['lib']): Promise<void> {
  await build({
    ...config,
    root,
    configFile: false,
    logLevel: 'warn',
    plugins: [],
    build: { ...config.build, outDir, emptyOutDir: false, sourcemap: false, ...(lib ? { lib } : {}) },
  })
}

/** Writes doorway.js, doorway-ui.js and floor.js into `outDir`. */
export async function buildBootScripts(outDir: string): Promise<void> {
  const loader = await projectConfig('production')
  await buildInto(outDir, loader)
  await buildInto(outDir, await projectConfig('chat'))
  await buildInto(outDir, loader, {
    entry: fileURLToPath(new URL('floor.tsx', import.meta.url)),
    formats: ['iife'],
    name: 'DoorwayFloor',
    fileName: () => 'floor.js',
  })
}
