/**
 * This server's version (package.json), written into archive manifests. Found by walking up from
 * this file, which sits at a different depth when run from the sources and from dist/.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { isObject } from '../../src/shared/guards.js'

let cached: string | undefined

export function appVersion(): string {
  if (cached !== undefined) return cached
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    try {
      const pkg: unknown = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
      if (isObject(pkg) && pkg.name === 'commonground' && typeof pkg.version === 'string') return (cached = pkg.version)
    } catch {
      // not here; look one level up
    }
    dir = path.dirname(dir)
  }
  return (cached = 'unknown')
}
