/**
 * Several instances of the real server serving the same boards (issue 20): each started with
 * startTestServer on port 0, all on one fresh PostgreSQL database (DATABASE_URL, as a cluster is
 * run: docs/deploy.md) and one Redis under a key/channel prefix of their own, so parallel test
 * files never meet. Each instance has its own temp data dir, which holds nothing another needs.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Config } from '../../server/config.js'
import { freshPgDatabase } from '../helpers/pgDatabase.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'

/** The machine's Redis (the preamble's 127.0.0.1:6379 unless REDIS_TEST_URL says otherwise). */
export const REDIS_TEST_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379'

export interface TestCluster {
  instances: TestServer[]
  prefix: string
  /** The database every instance stores into. */
  databaseUrl: string
  /** Cut every Redis connection of this cluster's instances (not anyone else's): what a Redis restart does to them. */
  killRedisConnections(): Promise<number>
  /** Stop every instance (each flushes its boards), keeping the data dir to be read. */
  stopInstances(): Promise<void>
  stop(): Promise<void>
}

export async function startCluster(count: number, overrides: Partial<Config> = {}): Promise<TestCluster> {
  const db = await freshPgDatabase()
  const dirs: string[] = []
  const prefix = `cgtest:${randomBytes(6).toString('hex')}:`
  const log = (l: string) => { if (process.env.CG_LOG) console.log(l) }
  const instances: TestServer[] = []
  const removeAll = async () => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
    await db.drop()
  }
  try {
    for (let i = 0; i < count; i++) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-cluster-'))
      dirs.push(dataDir)
      instances.push(await startTestServer({ dataDir, databaseUrl: db.url, redisUrl: REDIS_TEST_URL, redisPrefix: prefix, ...overrides }, { log }))
    }
  } catch (err) {
    for (const s of instances) await s.stop()
    await removeAll()
    throw err
  }
  const admin = new Redis(REDIS_TEST_URL)
  return {
    instances, prefix, databaseUrl: db.url,
    async killRedisConnections() {
      const list = await admin.client('LIST') as string
      const ids = list.split('\n').filter((line) => line.includes(` name=${prefix}`)).map((line) => /\bid=(\d+)/.exec(line)?.[1]).filter(Boolean)
      for (const id of ids) await admin.client('KILL', 'ID', id!)
      return ids.length
    },
    async stopInstances() {
      for (const s of instances) await s.stop()
    },
    async stop() {
      try {
        for (const s of instances) await s.stop()
      } finally {
        // Clean up after ourselves: this cluster's keys only.
        const keys = await admin.keys(`${prefix}*`)
        if (keys.length > 0) await admin.del(...keys)
        admin.disconnect()
        await removeAll()
      }
    },
  }
}
