/**
 * The file PgSqlDb starts its worker thread from. From the build (dist/) that is the compiled
 * pgWorker.js beside this module. Run from the TypeScript sources (the tests, `vite` dev), a worker
 * thread cannot load .ts, so pgWorker.ts — self-contained, it imports only `pg` and `synckit` — is
 * transpiled with the TypeScript compiler (a devDependency, present wherever the sources run) into
 * dist/pg-bridge/ under the project folder, where its bare imports find node_modules.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export function pgWorkerFile(): string {
  const compiled = fileURLToPath(new URL('./pgWorker.js', import.meta.url))
  if (fs.existsSync(compiled)) return compiled
  const source = fileURLToPath(new URL('./pgWorker.ts', import.meta.url))
  const text = fs.readFileSync(source, 'utf8')
  const root = path.resolve(path.dirname(source), '..', '..', '..')
  const hash = crypto.createHash('sha256').update(text).digest('hex').slice(0, 16)
  const target = path.join(root, 'dist', 'pg-bridge', `pgWorker-${hash}.mjs`)
  if (fs.existsSync(target)) return target
  const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript')
  const js = ts.transpileModule(text, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: source,
  }).outputText
  fs.mkdirSync(path.dirname(target), { recursive: true })
  // Written under a unique name, then renamed: test workers starting at once never load half a file.
  const partial = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`
  fs.writeFileSync(partial, js)
  fs.renameSync(partial, target)
  return target
}
