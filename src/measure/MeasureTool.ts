/**
 * The measure tool (everyone, read-only viewers too): drag to measure a distance; tap corners one
 * by one and close the outline (tap the first corner, double tap, Enter) to measure an area.
 * It only ever writes to a local atom, never to the board, so tldraw's read-only mode (which
 * blocks store writes, not tools) does not get in its way.
 */
import { StateNode, type TLClickEventInfo, type TLKeyboardEventInfo, type TLPointerEventInfo } from 'tldraw'
import { toPt } from './geometry'
import { drag, finish, hover, NO_MEASUREMENT, release } from './measureSession'
import { CLOSE_DISTANCE_PX, MEASURE_TOOL_ID, measureState } from './measureState'

export class MeasureTool extends StateNode {
  static override id = MEASURE_TOOL_ID
  // Nothing to keep "locked on": the tool stays active until Esc or another tool anyway.
  static override isLockable = false

  /** A press that started on the canvas with the primary button (or a finger) is under way. */
  private pointing = false
  /** That press moved far enough to be a drag (tldraw's own threshold, larger for fingers). */
  private dragged = false
  /** When a double tap last finished an outline (ms since epoch). */
  private finishedAt = 0

  private get measurement() {
    return measureState(this.editor).measurement
  }

  override onEnter() {
    this.editor.setCursor({ type: 'cross', rotation: 0 })
  }

  override onExit() {
    this.pointing = false
    this.dragged = false
    this.measurement.set(NO_MEASUREMENT)
    this.editor.setCursor({ type: 'default', rotation: 0 })
  }

  override onPointerDown(info: TLPointerEventInfo) {
    if (info.button !== 0) return
    this.pointing = true
    this.dragged = false
  }

  override onPointerMove() {
    const { inputs } = this.editor
    const current = toPt(inputs.getCurrentPagePoint())
    if (this.pointing && inputs.getIsDragging()) {
      this.dragged = true
      this.measurement.set(drag(this.measurement.get(), toPt(inputs.getOriginPagePoint()), current))
    } else {
      this.measurement.set(hover(this.measurement.get(), current))
    }
  }

  override onPointerUp() {
    if (!this.pointing) return
    this.pointing = false
    // A third quick tap after the double tap that finished an outline (a shaky hand, a triple
    // click) would otherwise start a new outline and hide the result just shown.
    if (!this.dragged && Date.now() - this.finishedAt < this.editor.options.multiClickDurationMs) return
    const p = toPt(this.editor.inputs.getCurrentPagePoint())
    const closeDistance = CLOSE_DISTANCE_PX / this.editor.getZoomLevel()
    this.measurement.set(release(this.measurement.get(), p, { dragged: this.dragged, closeDistance }))
    this.dragged = false
  }

  override onDoubleClick(info: TLClickEventInfo) {
    // tldraw sends the second press as down + double_click(down), then double_click(up) INSTEAD
    // of a pointer_up: finish on 'up', and end the press here since no pointer_up will come.
    if (info.phase !== 'up') return
    this.pointing = false
    this.dragged = false
    this.measurement.set(finish(this.measurement.get()))
    this.finishedAt = Date.now()
  }

  override onKeyDown(info: TLKeyboardEventInfo) {
    if (info.key === 'Enter') this.measurement.set(finish(this.measurement.get()))
  }

  override onCancel() {
    // Esc clears the measurement; a second Esc leaves the tool, like tldraw's own tools.
    if (this.measurement.get().kind !== 'none') this.measurement.set(NO_MEASUREMENT)
    else this.editor.setCurrentTool('select')
  }

  override onInterrupt() {
    // A second finger (pinch to zoom) or a menu interrupts the press: drop a half-drawn line,
    // keep any finished result and the corners tapped so far.
    this.pointing = false
    this.dragged = false
    const m = this.measurement.get()
    if (m.kind === 'line' && !m.done) this.measurement.set(NO_MEASUREMENT)
  }
}
