/**
 * Makes server/fonts/hanaMinIndex.ts: which file of the `hanamin` package (HanaMin, 花園明朝, split
 * into WOFF2 files of ~1,000 characters each) holds which rare characters, so the report opens only
 * the files a text needs. Reading every file's character map takes ~5 s; the index is 5 KB. Run by
 * hand after upgrading the package (test/server/reportFonts.test.ts checks a sample of it):
 *
 *   node server/fonts/makeHanaMinIndex.mjs
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const fontkit = require('fontkit')
const dir = path.dirname(require.resolve('hanamin/package.json'))
const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'))

// Only the supplementary ideographic planes: Noto Sans SC has everything of the basic plane we print.
const FILE = /^HanaMin[AB]\.CJK-(Unified-Ideographs-Extension-[B-Z]|Compatibility-Ideographs-Supplement)/
const files = readdirSync(dir).filter((f) => FILE.test(f)).sort()
const rows = files.map((file) => {
  const cps = [...new Set(fontkit.create(readFileSync(path.join(dir, file))).characterSet)].filter((cp) => cp >= 0x20000).sort((a, b) => a - b)
  const ranges = []
  for (let i = 0; i < cps.length; i++) {
    let j = i
    while (j + 1 < cps.length && cps[j + 1] === cps[j] + 1) j++
    ranges.push([cps[i], cps[j]])
    i = j
  }
  return { file, ranges }
})
const lines = rows.flatMap(({ file, ranges }) => ranges.map(([a, b]) => ({ a, b, file })))
  .sort((x, y) => x.a - y.a)
  .map(({ a, b, file }) => `  [0x${a.toString(16)}, 0x${b.toString(16)}, '${file}'],`)
const out = `// Made by server/fonts/makeHanaMinIndex.mjs from hanamin@${version}; do not edit.
/** The package version the index was made from. */
export const HANAMIN_VERSION = '${version}'
/** [first, last, file]: the file of the hanamin package holding characters first…last, ascending. */
export const HANAMIN_RANGES: readonly (readonly [number, number, string])[] = [
${lines.join('\n')}
]
`
writeFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'hanaMinIndex.ts'), out)
console.log(`${files.length} files, ${rows.reduce((n, r) => n + r.ranges.length, 0)} ranges`)
