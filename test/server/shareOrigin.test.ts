/**
 * Where join links and QR codes point (ClientConfig.shareOrigin): a phone scanning a QR code made on
 * a laptop that opened the app as localhost must reach this server, not itself.
 */
import os from 'node:os'
import { afterEach, describe, expect, it } from 'vitest'
import type { ClientConfig } from '../../src/shared/api.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { request } from './httpTestKit.js'

const lanIps = Object.values(os.networkInterfaces()).flat().filter((a) => a && a.family === 'IPv4' && !a.internal).map((a) => a!.address)

describe('the share origin in /api/config', () => {
  let server: TestServer | undefined
  afterEach(async () => {
    await server?.stop()
    server = undefined
  })

  const shareOrigin = async (host: string) =>
    (await request(server!.url, '/api/config', { headers: { host } })).json<ClientConfig>().shareOrigin

  it('is PUBLIC_URL when the deployer set one, whatever address the page was opened at', async () => {
    server = await startTestServer({ publicUrl: 'https://cogo.example.cn' })
    expect(await shareOrigin('localhost:8080')).toBe('https://cogo.example.cn')
    expect(await shareOrigin('10.0.0.7:8080')).toBe('https://cogo.example.cn')
  })

  it('replaces localhost with this machine\'s LAN address on a server listening everywhere', async () => {
    server = await startTestServer({ host: '0.0.0.0' })
    const port = new URL(server.url).port
    const origin = await shareOrigin(`localhost:${port}`)
    // A machine with no network at all has no better address to offer.
    if (lanIps.length === 0) expect(origin).toBeNull()
    else expect(lanIps.map((ip) => `http://${ip}:${port}`)).toContain(origin)
    expect(await shareOrigin(`127.0.0.1:${port}`)).toBe(origin)
    // Opened at a real address already: the page's own origin is right.
    expect(await shareOrigin(`192.0.2.10:${port}`)).toBeNull()
  })

  it('is null on a server bound to one address (it is reachable only there)', async () => {
    server = await startTestServer({ host: '127.0.0.1' })
    expect(await shareOrigin('localhost:1234')).toBeNull()
  })

  it('refuses a PUBLIC_URL that is not an http(s) address at start-up', async () => {
    const { readConfig } = await import('../../server/config.js')
    expect(() => readConfig({ PUBLIC_URL: 'cogo.example.cn' })).toThrow(/PUBLIC_URL/)
    expect(() => readConfig({ PUBLIC_URL: 'ftp://cogo.example.cn' })).toThrow(/PUBLIC_URL/)
    expect(readConfig({ PUBLIC_URL: 'https://cogo.example.cn/' }).publicUrl).toBe('https://cogo.example.cn')
  })
})
