import { SYNC_PATH } from '../shared/protocol'

/** This page's sync endpoint (the board id is appended by y-websocket). */
export function syncUrl(): string {
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}${SYNC_PATH}`
}
