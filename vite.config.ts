import { defineConfig } from 'vite'

// The widget is one script: an IIFE with Preact, nanostores and floating-ui inside, no other
// request needed to show the launcher.
export default defineConfig({
  // Library mode leaves process.env.NODE_ENV to the user; a script tag has no process.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: 'widget/embed/index.ts',
      formats: ['iife'],
      name: 'DoorwayWidget',
      fileName: () => 'doorway.js',
    },
  },
})
