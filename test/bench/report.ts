/**
 * docs/performance.md: one section per benchmark between `<!-- bench:<name> -->` markers, so running
 * one benchmark (`npm run bench -- fanout`) replaces its own section and keeps the others.
 */
import fs from 'node:fs'

const HEADER = `# Performance

Written by \`npm run bench\` (test/bench/; not part of \`npm test\`). Run one benchmark with
\`npm run bench -- <name>\` (fanout, boards, storage, bundle, coldload; coldload
uses the client that bundle builds; phone and cluster run only when named); its section is replaced, the others kept.
Each section names the machine and the date it was measured on. Targets are stated beside each figure.
`

export interface Section { name: string; title: string; body: string }

export function writeSections(file: string, sections: Section[], order: string[]): void {
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''
  const kept = new Map<string, string>()
  for (const m of existing.matchAll(/<!-- bench:(\w+) -->\n([\s\S]*?)<!-- \/bench:\1 -->/g)) kept.set(m[1], m[2])
  for (const s of sections) kept.set(s.name, `## ${s.title}\n\n${s.body.trim()}\n`)
  // Free text after the last section (analysis written by hand) survives a rerun.
  const notesAt = existing.indexOf('<!-- notes -->')
  const notes = notesAt >= 0 ? existing.slice(notesAt) : '<!-- notes -->\n'
  const parts = [HEADER]
  for (const name of [...order, ...[...kept.keys()].filter((k) => !order.includes(k))]) {
    const body = kept.get(name)
    if (body !== undefined) parts.push(`<!-- bench:${name} -->\n${body}<!-- /bench:${name} -->\n`)
  }
  parts.push(notes)
  fs.writeFileSync(file, parts.join('\n'))
}
