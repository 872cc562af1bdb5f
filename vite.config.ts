import { build, defineConfig } from 'vite'

// Two scripts, each an IIFE: the loader (dist/doorway.js: the link, the outbox, the API, the
// launcher) and the chat (dist/doorway-ui.js: Preact, floating-ui and the panel), which the
// loader adds when the chat is wanted. `vite build` writes the loader, then builds the chat
// with `--mode chat` into the same folder.
export default defineConfig(({ mode }) => {
  const chat = mode === 'chat'
  return {
    // Library mode leaves process.env.NODE_ENV to the user; a script tag has no process.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: 'dist',
      emptyOutDir: !chat,
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
