/**
 * The handle between the boot view (src/app/bootView.ts) and the app (src/ui/bootHandover.ts): the
 * app and the boot script may each run first, and no tap and no dismissal may be lost either way.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { BOOT_VIEW, claimBootView, dismissBootView, recordBootPanel, recordBootTap, takeBootPanel, takeBootTaps, type BootPanel, type BootTap, type BootViewHandle } from '../../src/ui/bootHandover'

describe('the boot view handle', () => {
  let win: { [BOOT_VIEW]?: BootViewHandle }
  beforeEach(() => {
    win = {}
    vi.stubGlobal('window', win)
  })
  afterEach(() => vi.unstubAllGlobals())

  /** The boot script starting to paint (bootView.ts `start`), with a stand-in for its view. */
  function bootScriptPaints() {
    const view = { removed: false }
    const handle = claimBootView(() => (view.removed = true))
    if (!handle) return null
    return { view, tap: (t: BootTap) => recordBootTap(handle, t) }
  }

  it('hands the app the tap made before it listened, once, and every tap after', () => {
    const boot = bootScriptPaints()!
    boot.tap({ kind: 'need', needId: 'a' })
    boot.tap({ kind: 'addNeed' })
    const seen: BootTap[] = []
    const stop = takeBootTaps((t) => seen.push(t))
    expect(seen).toEqual([{ kind: 'addNeed' }])
    boot.tap({ kind: 'draw' })
    expect(seen).toEqual([{ kind: 'addNeed' }, { kind: 'draw' }])
    stop()
    boot.tap({ kind: 'panel' })
    expect(seen).toHaveLength(2)
    // A second listener (the page opened again) gets only what came after the first stopped.
    const again: BootTap[] = []
    takeBootTaps((t) => again.push(t))
    expect(again).toEqual([{ kind: 'panel' }])
  })

  it('removes the boot view when the app shows its own, and a dismissal before it painted stops it painting', () => {
    const boot = bootScriptPaints()!
    dismissBootView()
    expect(boot.view.removed).toBe(true)
    dismissBootView()

    win = {}
    vi.stubGlobal('window', win)
    // The app first (a returning phone): it listens, then shows its own view, then the script comes.
    const seen: BootTap[] = []
    takeBootTaps((t) => seen.push(t))
    dismissBootView()
    expect(bootScriptPaints()).toBeNull()
  })

  it('keeps a listener the app set before the boot script painted', () => {
    const seen: BootTap[] = []
    takeBootTaps((t) => seen.push(t))
    const boot = bootScriptPaints()!
    boot.tap({ kind: 'addNeed' })
    expect(seen).toEqual([{ kind: 'addNeed' }])
  })

  it('hands the page the panel asked for before it listened, and each one after; taps and panels do not mix', () => {
    const handle = claimBootView(() => undefined)!
    recordBootPanel(handle, 'history')
    recordBootPanel(handle, 'people')
    recordBootTap(handle, { kind: 'addNeed' })
    const panels: BootPanel[] = []
    takeBootPanel((p) => panels.push(p))
    expect(panels).toEqual(['people'])
    recordBootPanel(handle, 'history')
    expect(panels).toEqual(['people', 'history'])
    const taps: BootTap[] = []
    takeBootTaps((t) => taps.push(t))
    expect(taps).toEqual([{ kind: 'addNeed' }])
  })
})
