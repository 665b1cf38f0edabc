/**
 * A Chromium CPU profile (CDP Profiler) summarised by source: self time per original function,
 * mapped back through the built client's source maps, to say where a slow page spends its time.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js'

interface ProfileNode { id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }
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

interface Located { label: string; source: string | null; fromPackage: boolean }

/** Self time (ms) per profile node, and a resolver from a node to its original function and source file. */
function selfTimes(profile: Profile, clientDir: string): { self: Map<number, number>; locate: (id: number) => Located } {
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
  const located = new Map<number, Located>()
  const locate = (id: number): Located => {
    const f = byId.get(id)!.callFrame
    const name = f.functionName || '(anonymous)'
    if (f.url === '') return { label: `(${name})`, source: null, fromPackage: false }
    const c = consumerFor(f.url)
    const pos = c?.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber })
    const src = pos?.source
      ? pos.source.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)+/, '')
      : f.url.replace(/^file:\/\//, '').replace(/^.*node_modules\/\.cache\/cg-bench\//, '').replace(/^.*node_modules\//, '')
    return { label: `${pos?.name ?? name} — ${src}:${f.lineNumber + 1}`, source: src, fromPackage: /node_modules\//.test(pos?.source ?? f.url) }
  }
  return { self, locate: (id) => located.get(id) ?? located.set(id, locate(id)).get(id)! }
}

function rows(groups: Map<string, number>, top: number): string[] {
  const total = [...groups.values()].reduce((a, b) => a + b, 0)
  return [...groups].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([label, t]) => `| ${label.replace(/\|/g, '\\|')} | ${t.toFixed(0)} | ${((t / total) * 100).toFixed(1)} % |`)
}

/** Markdown rows: the `top` original functions by self time. */
export function summarise(profile: Profile, clientDir: string, top = 15): string[] {
  const { self, locate } = selfTimes(profile, clientDir)
  const groups = new Map<string, number>()
  for (const [id, t] of self) {
    const { label } = locate(id)
    groups.set(label, (groups.get(label) ?? 0) + t)
  }
  return rows(groups, top)
}

/**
 * Markdown rows: self time per package (`@scope/name`, `name`) or folder of ours (`src/<folder>`);
 * the browser's own work (layout, style, GC, idle) under its V8 name in parentheses.
 */
export function summariseByPackage(profile: Profile, clientDir: string, top = 20): string[] {
  const { self, locate } = selfTimes(profile, clientDir)
  const groups = new Map<string, number>()
  for (const [id, t] of self) {
    const { label, source, fromPackage } = locate(id)
    let group = label
    if (source && fromPackage) {
      const parts = source.split('/')
      group = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]
    } else if (source) {
      // Ours, wherever the build was made from: the folder under src/.
      const m = /(?:^|\/)(src\/[^/]+)\//.exec(source)
      group = m ? m[1] : '(no source map)'
    }
    groups.set(group, (groups.get(group) ?? 0) + t)
  }
  return rows(groups, top)
}

/**
 * Markdown rows: total time (self + everything it called) of the `top` functions whose source
 * matches `sources`, e.g. our own code and the sync libraries; a function counted once per sample
 * however often it is on the stack.
 */
export function summariseInclusive(profile: Profile, clientDir: string, sources: RegExp, top = 15): string[] {
  const { self, locate } = selfTimes(profile, clientDir)
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  const groups = new Map<string, number>()
  for (const [id, t] of self) {
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { label, source } = locate(at)
      if (!source || !sources.test(source) || seen.has(label)) continue
      seen.add(label)
      groups.set(label, (groups.get(label) ?? 0) + t)
    }
  }
  return [...groups].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([label, t]) => `| ${label.replace(/\|/g, '\\|')} | ${t.toFixed(0)} | ${((t / total) * 100).toFixed(1)} % |`)
}
