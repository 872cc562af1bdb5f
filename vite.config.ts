import { readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { build, defineConfig, type UserConfig } from 'vite'
import manifest from './package.json' with { type: 'json' }

// Two scripts, each an IIFE: the loader (dist/doorway.js: the link, the outbox, the API, the
// launcher) and the chat (dist/doorway-ui.js: Preact, floating-ui and the panel), which the
// loader adds when the chat is wanted. `vite build` writes the loader, then builds the chat
// with `--mode chat` into the same folder.
//
// `--mode package` builds the npm package's ES modules into dist/package/ (`npm run build` runs
// it after the scripts, then tsc for the declarations): the entries of package.json's exports,
// the chat as a chunk of its own behind a dynamic import, and the dependencies left to the
// app's bundler, so that an app that uses Preact or nanostores has them once.
const dependencies = Object.keys(manifest.dependencies)

// `--mode admin` builds the admin pages (demo/admin/*.html, each with its script and the shared
// stylesheet) into dist/admin/, which the demo server answers at /admin/ (demo/http/admin-pages.ts).
// Every page is a file of its own in demo/admin/, so adding one is adding its .html there.
const adminDir = resolve(import.meta.dirname, 'demo/admin')
const adminBuild: UserConfig = {
  root: adminDir,
  base: '/admin/',
  publicDir: false,
  build: {
    outDir: resolve(import.meta.dirname, 'dist/admin'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      input: Object.fromEntries(
        readdirSync(adminDir)
          .filter((name) => name.endsWith('.html'))
          .map((name) => [name.slice(0, -'.html'.length), resolve(adminDir, name)]),
      ),
    },
  },
}

const packageBuild: UserConfig = {
  build: {
    outDir: 'dist/package',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // The app's bundler minifies; the package stays readable in its stack traces.
    minify: false,
    lib: {
      entry: { index: 'widget/embed/package.ts', entry: 'widget/entry/index.ts', element: 'widget/embed/element-entry.ts' },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: {
      external: (id) => dependencies.some((name) => id === name || id.startsWith(`${name}/`)),
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
}

export default defineConfig(({ mode }) => {
  if (mode === 'package') return packageBuild
  if (mode === 'admin') return adminBuild
  const chat = mode === 'chat'
  return {
    // Library mode leaves process.env.NODE_ENV to the user; a script tag has no process.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: 'dist',
      // The scripts' names never change, and dist/package/ is the package mode's: a build of the
      // scripts leaves it, declarations included, for the pack test running beside it.
      emptyOutDir: false,
      target: 'es2022',
      sourcemap: true,
      lib: {
        entry: chat ? 'widget/embed/chat-entry.ts' : 'widget/embed/index.ts',
        formats: ['iife'],
        name: chat ? 'DoorwayChat' : 'DoorwayWidget',
        fileName: () => (chat ? 'doorway-ui.js' : 'doorway.js'),
      },
    },
    plugins: chat
      ? []
      : [
          {
            name: 'doorway-chat-file',
            apply: 'build',
            async closeBundle() {
              await build({ mode: 'chat', logLevel: 'warn' })
            },
          },
        ],
  }
})
