// `npm test`'s checks before Vitest: both typechecks, the lint and the production build. Each is
// single-threaded for most of its run, so they run side by side on the machine's cores instead of
// one after another (about 60 s → 35 s on two cores). The server's typecheck is its build: `tsc`
// fails on a type error even when it emits. Each job's output is printed whole when it ends, so
// interleaved lines never hide which job failed.
import { spawn } from 'node:child_process'

const JOBS = [
  ['typecheck (browser, tests)', 'tsc', ['-p', 'tsconfig.json', '--noEmit']],
  ['typecheck + build (server)', 'tsc', ['-p', 'tsconfig.server.json']],
  ['lint', 'eslint', ['.']],
  ['build (browser)', 'vite', ['build']],
]

const run = ([name, bin, args]) => new Promise((resolve) => {
  const started = Date.now()
  const child = spawn(`node_modules/.bin/${bin}`, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout.on('data', (d) => { out += d })
  child.stderr.on('data', (d) => { out += d })
  child.on('close', (code) => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    process.stdout.write(`\n· ${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${seconds} s\n`)
    if (code !== 0 || process.env.CHECKS_VERBOSE) process.stdout.write(out)
    resolve(code === 0)
  })
  child.on('error', (e) => {
    process.stdout.write(`\n· ${name}: could not start ${bin}: ${e.message}\n`)
    resolve(false)
  })
})

const results = await Promise.all(JOBS.map(run))
if (results.includes(false)) {
  process.stdout.write('\nA check failed: the tests were not run.\n')
  process.exit(1)
}
