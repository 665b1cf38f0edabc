/**
 * Whether the app may start now: on a resident's phone, not until the boot view has painted (its
 * plan's picture too, or BOOT_PLAN_WAIT_MS) or given up (APP_HOLD in bootInput.ts: the page preload script sets the hold, the boot script
 * releases it, and a timer there bounds it). Anywhere else there is no hold and it resolves at once.
 */
import { APP_HOLD } from './bootInput'

export function appHold(): Promise<void> {
  const hold = window[APP_HOLD]
  delete window[APP_HOLD]
  return hold ?? Promise.resolve()
}
