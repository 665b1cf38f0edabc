/** The relay of a single instance (no REDIS_URL): there is nobody to tell, so it carries nothing. */
import { randomBytes } from 'node:crypto'
import type { BoardChannel, Relay } from './Relay.js'

const NO_CHANNEL: BoardChannel = {
  publishUpdate() {},
  publishAwareness() {},
  publishRefused() {},
  publishProbe() {},
  publishProbeAnswer() {},
  leave() {},
}

export class LocalRelay implements Relay {
  readonly instanceId = randomBytes(8).toString('hex')
  readonly shared = false
  readonly connected = true

  joinBoard(): Promise<BoardChannel> {
    return Promise.resolve(NO_CHANNEL)
  }

  publishEvent(): void {}

  onEvent(): () => void {
    return () => {}
  }

  onGap(): () => void {
    return () => {}
  }

  /** Nobody else to hear from. */
  arrive(): Promise<void> {
    return Promise.resolve()
  }

  close(): Promise<void> {
    return Promise.resolve()
  }
}
