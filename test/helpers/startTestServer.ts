/**
 * Starts the real server (server/app.ts) on port 0 with a fresh temp DATA_DIR, the way every
 * integration and browser test should. `restart()` stops it and starts a new process-equivalent
 * server on the same data dir (a new port), to prove that nothing lives only in memory.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { readConfig, type Config } from '../../server/config.js'
import { startServer, type RunningServer, type StartOptions } from '../../server/app.js'
import { freshPgDatabase } from './pgDatabase.js'

export interface TestServer {
  /** http://127.0.0.1:<port> */
  readonly url: string
  /** ws://127.0.0.1:<port>/sync — pass to WebsocketProvider together with a board id. */
  readonly syncUrl: string
  readonly dataDir: string
  readonly config: Config
  readonly running: RunningServer
  restart(): Promise<void>
  stop(): Promise<void>
}

/**
 * `options` passes the server's test seams through (storage wrapper, authorize, log).
 *
 * TEST_DATABASE=postgres runs every test server on a fresh PostgreSQL database of its own (dropped
 * by stop()), so any server test file can be run against PostgreSQL unchanged; `databaseUrl` in
 * `overrides` does the same for one test.
 */
export async function startTestServer(overrides: Partial<Config> = {}, options: StartOptions = {}): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cg-test-'))
  // TEST_CLIENT_DIR lets a run serve another build of the client than ./dist/client (e.g. one built
  // into a temp dir while dist/ is being rebuilt by someone else).
  const clientDir = process.env.TEST_CLIENT_DIR ? { clientDir: path.resolve(process.env.TEST_CLIENT_DIR) } : {}
  const pg = overrides.databaseUrl === undefined && process.env.TEST_DATABASE === 'postgres' ? await freshPgDatabase() : undefined
  const config: Config = {
    ...readConfig({}), port: 0, host: '127.0.0.1', dataDir, ...clientDir, ...(pg && { databaseUrl: pg.url }), ...overrides,
  }
  let running: RunningServer
  try {
    running = await startServer(config, options)
  } catch (err) {
    await pg?.drop()
    throw err
  }
  let stopped = false
  const self: TestServer = {
    get url() { return running.url },
    get syncUrl() { return running.url.replace(/^http/, 'ws') + '/sync' },
    dataDir,
    config,
    get running() { return running },
    async restart() {
      await running.close()
      running = await startServer(config, options)
    },
    async stop() {
      if (stopped) return
      stopped = true
      try {
        await running.close()
      } finally {
        // Even if close() failed, a temp dir or database must not outlive the test.
        if (!overrides.dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
        await pg?.drop()
      }
    },
  }
  return self
}
