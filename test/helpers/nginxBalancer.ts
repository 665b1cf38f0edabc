/**
 * A real round-robin load balancer for cluster tests: Debian's nginx, run in the foreground from a
 * temp prefix with a generated configuration (the same shape as docs/deploy.md's, minus TLS).
 * No sticky sessions: each new connection goes to the next instance, so a reconnecting client
 * usually lands on a different one, as it would in production.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export const NGINX = '/usr/sbin/nginx'

export interface Balancer {
  url: string
  port: number
  /** Stop nginx and remove its temp prefix. */
  stop(): Promise<void>
}

/** The configuration docs/deploy.md shows, for the given upstream addresses ("127.0.0.1:1234"). */
export function nginxConfig(upstreams: readonly string[], port: number, prefix: string): string {
  return `
worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  client_max_body_size 64m;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream commonground {
${upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=2s;`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://commonground;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 1h;
      proxy_buffering off;
      proxy_next_upstream error timeout http_502;
      proxy_connect_timeout 2s;
    }
  }
}
`
}

/** A port free right now (nginx needs a fixed one; a race with another process is unlikely on a test machine). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port
      srv.close(() => resolve(port))
    })
  })
}

export async function startBalancer(upstreams: readonly string[]): Promise<Balancer> {
  if (!fs.existsSync(NGINX)) throw new Error(`${NGINX} is missing: install Debian's nginx package (.ci/run does)`)
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-nginx-'))
  const port = await freePort()
  const conf = path.join(prefix, 'nginx.conf')
  fs.writeFileSync(conf, nginxConfig(upstreams, port, prefix))
  const child: ChildProcess = spawn(NGINX, ['-p', prefix, '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout!.on('data', (c) => { out += c })
  child.stderr!.on('data', (c) => { out += c })
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  // Ready when it accepts a TCP connection; an nginx that failed to start exits with its reason.
  const deadline = Date.now() + 10_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${out}${readIfExists(path.join(prefix, 'error.log'))}`)
    if (await accepts(port)) break
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${port}: ${out}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      if (child.exitCode === null) child.kill('SIGQUIT')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))])
      if (child.exitCode === null) child.kill('SIGKILL')
      fs.rmSync(prefix, { recursive: true, force: true })
    },
  }
}

function readIfExists(file: string): string {
  try { return fs.readFileSync(file, 'utf8') } catch { return '' }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1')
    s.once('connect', () => { s.destroy(); resolve(true) })
    s.once('error', () => resolve(false))
  })
}
