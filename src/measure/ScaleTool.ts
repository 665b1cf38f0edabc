/**
 * The scale tool (organizer): drag a line along something of known length on the base plan; on
 * release the layer asks how many metres it is (ScaleDialog). The line is local, never a shape.
 */
import { StateNode, type TLPointerEventInfo } from 'tldraw'
import { distance, toPt } from './geometry'
import { SCALE_TOOL_ID, measureState } from './measureState'

export class ScaleTool extends StateNode {
  static override id = SCALE_TOOL_ID
  static override isLockable = false

  private pointing = false

  private get scaleLine() {
    return measureState(this.editor).scaleLine
  }

  override onEnter() {
    this.editor.setCursor({ type: 'cross', rotation: 0 })
  }

  override onExit() {
    this.pointing = false
    this.scaleLine.set(null)
    this.editor.setCursor({ type: 'default', rotation: 0 })
  }

  override onPointerDown(info: TLPointerEventInfo) {
    if (info.button !== 0) return
    // While the dialog is open its backdrop covers the canvas; a press here means it is closed.
    this.pointing = true
    this.scaleLine.set(null)
  }

  override onPointerMove() {
    const { inputs } = this.editor
    if (!this.pointing || !inputs.getIsDragging()) return
    this.scaleLine.set({ a: toPt(inputs.getOriginPagePoint()), b: toPt(inputs.getCurrentPagePoint()), done: false })
  }

  override onPointerUp() {
    if (!this.pointing) return
    this.pointing = false
    const line = this.scaleLine.get()
    if (!line) return
    const b = toPt(this.editor.inputs.getCurrentPagePoint())
    this.scaleLine.set(distance(line.a, b) > 0 ? { a: line.a, b, done: true } : null)
  }

  override onCancel() {
    if (this.scaleLine.get()) this.scaleLine.set(null)
    else this.editor.setCurrentTool('select')
  }

  override onInterrupt() {
    this.pointing = false
    const line = this.scaleLine.get()
    if (line && !line.done) this.scaleLine.set(null)
  }
}
