/**
 * When the app cannot start because its own files did not come (its code or its strings): index.html's
 * two-language notice, which needs no strings. The boot view, if it painted, goes: it would promise
 * a board that cannot open.
 */
import { dismissBootView } from '../ui/bootHandover'

export function showLoadFailed(what: string, err: unknown): void {
  console.error(what, err)
  dismissBootView()
  document.getElementById('load-failed')?.removeAttribute('hidden')
}
