/**
 * Reading a request body with a hard cap. Memory never holds more than the cap: the moment the
 * body (or its declared Content-Length) goes over, reading stops with the caller's 413 error.
 */
import type { IncomingMessage } from 'node:http'
import type { HttpError } from './HttpError.js'

/** The client went away before its body arrived: there is nobody left to answer. */
export class ClientGoneError extends Error {
  constructor() {
    super('The client closed the connection before sending the whole request body')
    this.name = 'ClientGoneError'
  }
}

/** Past the cap we still read (and drop) at most this much more before cutting the connection. */
const MIN_DISCARD_BYTES = 1024 * 1024

export function readBody(req: IncomingMessage, maxBytes: number, tooLarge: () => HttpError): Promise<Buffer> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) {
    discardRest(req, maxBytes)
    return Promise.reject(tooLarge())
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const settle = (err: Error | null, body?: Buffer) => {
      if (settled) return
      settled = true
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onGone)
      req.off('close', onClose)
      if (err) reject(err)
      else resolve(body!)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        chunks.length = 0
        settle(tooLarge())
        discardRest(req, maxBytes)
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => settle(null, Buffer.concat(chunks, size))
    const onGone = () => settle(new ClientGoneError())
    const onClose = () => {
      if (!req.complete) onGone()
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onGone)
    req.on('close', onClose)
  })
}

/**
 * After a 413 the rest of the body is read and dropped rather than left on the socket. Why: closing
 * a socket with unread bytes makes the kernel send a reset, and the client would then see a
 * "connection reset" instead of our 413 and its message. A client that keeps sending far past the
 * limit is cut off, so an endless body cannot hold a connection forever.
 */
function discardRest(req: IncomingMessage, maxBytes: number): void {
  const budget = Math.max(maxBytes, MIN_DISCARD_BYTES)
  let dropped = 0
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length
    if (dropped > budget) req.socket.destroy()
  })
  req.on('error', () => {})
  req.resume()
}
