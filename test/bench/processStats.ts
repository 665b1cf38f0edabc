/**
 * Machine facts and per-process CPU/memory readings from /proc (Linux), for benchmarks that run each
 * server as its own child process so the clients' work is not counted against the server.
 */
import fs from 'node:fs'
import os from 'node:os'
import { execFileSync } from 'node:child_process'

let clockTicks: number | undefined

function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100
    } catch {
      clockTicks = 100
    }
  }
  return clockTicks
}

/** User + system CPU time the process has used so far, in ms (resolution: one clock tick, 10 ms). */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name (field 2) may contain spaces; the numeric fields start after its closing ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  return ((utime + stime) * 1000) / ticksPerSecond()
}

/** Resident set size of the process in bytes. */
export function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const m = /VmRSS:\s+(\d+) kB/.exec(status)
  return m ? Number(m[1]) * 1024 : 0
}

export function machineFacts(): string {
  const cpus = os.cpus()
  const model = cpus[0]?.model.trim() ?? 'unknown CPU'
  const memGiB = (os.totalmem() / 1024 ** 3).toFixed(1)
  // The load average says whether other work shared the machine while this ran (numbers are then noisier).
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' / ')
  return `${cpus.length} cores (${model}), ${memGiB} GiB memory, Node ${process.version}, ${os.type()} ${os.release()}, ` +
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, load average before the run ${load} (1 / 5 / 15 min)`
}

/** The q-quantile (0..1) of an ascending-sorted array (nearest rank). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[i]
}

export function kib(bytes: number): string {
  return (bytes / 1024).toFixed(1)
}

export function ms(n: number): string {
  return Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : '—'
}

export function sleep(msToWait: number): Promise<void> {
  return new Promise((r) => setTimeout(r, msToWait))
}
