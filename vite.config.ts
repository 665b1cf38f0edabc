import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

const fromRoot = (p: string) => fileURLToPath(new URL(p, import.meta.url))

// The client is built into dist/client and served by our own server (server/http/static.ts).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    // tldraw's fonts, icons and translations stay files (src/board/tldrawAssetUrls.ts), each fetched
    // only when tldraw needs it: inlined as base64 (Vite's default below 4 KiB) the embed icons alone
    // would add ~30 KiB to the JavaScript every board loads before it can paint.
    assetsInlineLimit: (file) => (file.includes('/node_modules/@tldraw/assets/') ? false : undefined),
    rolldownOptions: {
      // The service worker is a second entry with a fixed name at the root (/sw.js), because a
      // worker only controls pages under its own path and its URL must stay the same across builds.
      input: { index: fromRoot('index.html'), sw: fromRoot('src/app/sw.ts') },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  // @tldraw/assets ships fonts, icons and translations as plain files imported by URL; the dev
  // server fails to pre-bundle it (see ../shared/TLDRAW-YJS.md), so leave it to Vite's asset pipeline.
  optimizeDeps: { exclude: ['@tldraw/assets'] },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/healthz': 'http://localhost:8080',
      '/sync': { target: 'ws://localhost:8080', ws: true },
    },
  },
})
