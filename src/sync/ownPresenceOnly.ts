/**
 * Our client sends only its own presence (docs/protocol.md, "Presence"). The stock y-websocket
 * provider sends every awareness change back to the server, other people's included (its
 * `_awarenessUpdateHandler` ignores the origin), so in a room of N people moving their cursors each
 * client would upload N × rate messages a second. This replaces that handler: a change of our own
 * client id (a move, the 15 s renewal, the removal on close) goes out, nothing else does.
 * `_awarenessUpdateHandler` is y-websocket's private field; test/shared/privateApis.test.ts checks
 * that removing it stops the echoes and that destroy() removes what it holds.
 */
import * as bc from 'lib0/broadcastchannel'
import * as encoding from 'lib0/encoding'
import { encodeAwarenessUpdate } from 'y-protocols/awareness'
import type { WebsocketProvider } from 'y-websocket'
import { MessageType } from '../shared/protocol'

type Changes = { added: number[]; updated: number[]; removed: number[] }

/** Install on a provider right after creating it; the provider's destroy() removes it. */
export function sendOwnPresenceOnly(provider: WebsocketProvider): void {
  const { awareness } = provider
  awareness.off('update', provider._awarenessUpdateHandler)
  const handler = ({ added, updated, removed }: Changes) => {
    const own = awareness.clientID
    if (!added.includes(own) && !updated.includes(own) && !removed.includes(own)) return
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, MessageType.awareness)
    encoding.writeVarUint8Array(e, encodeAwarenessUpdate(awareness, [own]))
    const message = encoding.toUint8Array(e)
    const ws = provider.ws
    if (provider.wsconnected && ws && ws.readyState === ws.OPEN) ws.send(message)
    if (provider.bcconnected) bc.publish(provider.bcChannel, message, provider)
  }
  // destroy() unsubscribes whatever this property holds, so ours is removed with the provider.
  provider._awarenessUpdateHandler = handler
  awareness.on('update', handler)

  /**
   * Lifecycle edge: on reconnect y-websocket resends our state with the clock the server already
   * holds (or holds as removed, since the old connection closed), and the server keeps only newer
   * clocks, so the cursor would stay hidden until the next move or the 15 s renewal. Renewing the
   * state when the socket opens sends it once more with a newer clock.
   */
  provider.on('status', ({ status }) => {
    const state = awareness.getLocalState()
    if (status === 'connected' && state !== null) awareness.setLocalState(state)
  })
}
