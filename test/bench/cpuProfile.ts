/**
 * A Chromium CPU profile (CDP Profiler) summarised by source: self time per original function,
 * mapped back through the built client's source maps, to say where a slow page spends its time.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js'

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }
export interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

export async function profilePage<T>(page: Page, work: () => Promise<T>): Promise<{ result: T; profile: Profile }> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
  const result = await work()
  const { profile } = await cdp.send('Profiler.stop') as unknown as { profile: Profile }
  await cdp.detach()
  return { result, profile }
}

/** Markdown rows: the `top` original functions by self time. */
export function summarise(profile: Profile, clientDir: string, top = 15): string[] {
  const consumers = new Map<string, SourceMapConsumer | null>()
  const consumerFor = (url: string): SourceMapConsumer | null => {
    if (!consumers.has(url)) {
      let c: SourceMapConsumer | null = null
      try {
        const file = path.join(clientDir, new URL(url).pathname)
        if (fs.existsSync(`${file}.map`)) c = new SourceMapConsumer(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')) as RawSourceMap)
      } catch { c = null }
      consumers.set(url, c)
    }
    return consumers.get(url)!
  }
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<number, number>()
  for (let i = 0; i < profile.samples.length; i++) {
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000)
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  const groups = new Map<string, number>()
  for (const [id, t] of self) {
    const f = byId.get(id)!.callFrame
    let label = f.functionName || '(anonymous)'
    if (f.url === '') label = `(${label})`
    else {
      const c = consumerFor(f.url)
      const pos = c?.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber })
      const src = pos?.source
        ? pos.source.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)+/, '')
        : f.url.replace(/^file:\/\//, '').replace(/^.*node_modules\/\.cache\/cg-bench\//, '').replace(/^.*node_modules\//, '')
      label = `${pos?.name ?? (f.functionName || '(anonymous)')} — ${src}:${f.lineNumber + 1}`
    }
    groups.set(label, (groups.get(label) ?? 0) + t)
  }
  return [...groups].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([label, t]) => `| ${label.replace(/\|/g, '\\|')} | ${t.toFixed(0)} | ${((t / total) * 100).toFixed(1)} % |`)
}
