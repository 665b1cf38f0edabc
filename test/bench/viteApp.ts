/**
 * A throwaway one-page React app built with this repository's Vite, for the benchmarks that compare
 * us with tldraw alone (bundle size, cold-load floor): same bundler, same React plugin, same
 * minification, so the only difference measured is the app.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const vite = path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js')

/** Run `vite build` with `args` (from `cwd`). */
export function viteBuild(args: string[], cwd = process.cwd()): void {
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'error', ...args], { cwd, stdio: 'inherit' })
}

/**
 * Write an app into `dir` (emptied first) whose src/main.tsx is `mainLines`, build it into `dir`/dist
 * with the extra `config` (a JS object literal's body, e.g. "build: { manifest: true }"), and return
 * that folder.
 */
export function buildViteApp(dir: string, mainLines: string[], config: string): string {
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'index.html'),
    '<!doctype html><html><head><meta charset="UTF-8" /></head><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>\n')
  fs.writeFileSync(path.join(dir, 'src/main.tsx'), [...mainLines, ''].join('\n'))
  fs.writeFileSync(path.join(dir, 'vite.config.mjs'), [
    "import { defineConfig } from 'vite'",
    "import react from '@vitejs/plugin-react'",
    `export default defineConfig({ root: import.meta.dirname, plugins: [react()], ${config} })`,
    '',
  ].join('\n'))
  viteBuild(['--config', path.join(dir, 'vite.config.mjs')], dir)
  return path.join(dir, 'dist')
}
