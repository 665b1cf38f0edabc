/** The http origins of this machine on its local networks (IPv4, not loopback), for a given port. */
import os from 'node:os'

export function lanOrigins(port: number | string): string[] {
  const origins: string[] = []
  for (const addrs of Object.values(os.networkInterfaces())) {
    for (const a of addrs ?? []) {
      if (a.family === 'IPv4' && !a.internal) origins.push(`http://${a.address}:${port}`)
    }
  }
  return origins
}
