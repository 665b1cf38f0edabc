/**
 * Process entry (dist/server/server/main.js): reads the configuration, starts the server, prints
 * where to open it, and shuts down cleanly on SIGTERM / SIGINT.
 */
import { readConfig, type Config } from './config.js'
import { startServer, type RunningServer } from './app.js'
import { lanOrigins } from './lanOrigins.js'
import { errorCode, errorMessage } from './storage/errorDetails.js'

function printUrls(config: Config, running: RunningServer): void {
  if (config.host === '0.0.0.0' || config.host === '::') {
    console.log(`CommonGround is running. Open http://localhost:${running.port}`)
    const lan = lanOrigins(running.port)
    if (lan.length > 0) {
      console.log('Phones and laptops on the same network can join at:')
      for (const url of lan) console.log(`  ${url}`)
    }
  } else {
    console.log(`CommonGround is running. Open ${running.url}`)
  }
  if (config.databaseUrl) {
    // Everything is in the database (app.ts); DATA_DIR keeps only copies any instance can rebuild.
    console.log(`Data is stored in PostgreSQL at ${databaseWhere(config.databaseUrl)}; ${config.dataDir} holds only a cache of images`)
  } else {
    console.log(`Data is stored in ${config.dataDir}`)
  }
}

/** Host, port and database of DATABASE_URL, never its user or password (the log may be shared). */
function databaseWhere(url: string): string {
  try {
    const u = new URL(url)
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`
  } catch {
    return 'DATABASE_URL'
  }
}

function startupError(config: Config | undefined, err: unknown): string {
  const code = errorCode(err)
  if (config && code === 'EADDRINUSE') {
    return `Port ${config.port} is already in use on ${config.host}; stop the other program or set PORT to a free port.`
  }
  if (config && code === 'EADDRNOTAVAIL') {
    return `HOST ${config.host} is not an address of this machine; set HOST to 0.0.0.0 or one of its addresses.`
  }
  if (config && (code === 'EACCES' || code === 'EPERM')) {
    return `Not allowed to use port ${config.port} or write to ${config.dataDir}: ${errorMessage(err)}`
  }
  return errorMessage(err)
}

async function main(): Promise<void> {
  let config: Config | undefined
  let running: RunningServer
  try {
    config = readConfig()
    running = await startServer(config)
  } catch (err) {
    console.error(`CommonGround could not start: ${startupError(config, err)}`)
    process.exit(1)
  }
  printUrls(config, running)

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) {
      // Lifecycle edge: a second Ctrl-C means "now", even if boards are still being written.
      console.error(`${signal} again: exiting without waiting for the shutdown to finish`)
      process.exit(1)
    }
    stopping = true
    console.log(`${signal} received: closing connections and saving every board…`)
    running.close().then(
      () => {
        console.log('All boards saved. Bye.')
        process.exit(0)
      },
      (err: unknown) => {
        console.error(`Shutdown finished with an error: ${err instanceof Error ? err.message : String(err)}`)
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

void main()
