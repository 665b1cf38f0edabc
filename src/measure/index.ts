/**
 * The measure feature (issue 3): a locked base plan at the bottom of the board, a scale set by the
 * organizer from a line of known length, and a measure tool showing metres and square metres.
 *
 * Wiring (src/board/BoardEditor.tsx):
 *   <Tldraw tools={measureTools} overrides={[...otherOverrides, measureOverrides()]}
 *           components={{ Toolbar: (p) => <DefaultToolbar {...p}><MeasureToolbarItems isOrganizer={…} /><DefaultToolbarContent /></DefaultToolbar> }}>
 *     <MeasureLayer {...measureOptions} />
 *   </Tldraw>
 */
import type { TLStateNodeConstructor } from 'tldraw'
import type { BasePlan, PlanScale } from '../shared/projectApi'
import { MeasureTool } from './MeasureTool'
import { ScaleTool } from './ScaleTool'

export interface MeasureOptions {
  /** null until the organizer sets it. */
  scale: PlanScale | null
  /** From the project state. */
  basePlan: BasePlan | null
  /** May set the scale; this person's client inserts the base plan shape. */
  isOrganizer: boolean
  /** May write to the board now (stage × role). */
  canDraw: boolean
  /** Calls PUT /api/projects/:id/scale; rejects with an Error whose message is readable. */
  onSetScale(metresPerUnit: number): Promise<void>
}

/** Pass to <Tldraw tools>. */
export const measureTools: TLStateNodeConstructor[] = [MeasureTool, ScaleTool]

export { measureOverrides } from './measureOverrides'
export { MeasureToolbarItems } from './MeasureToolbarItems'
export { MeasureLayer } from './MeasureLayer'
export { BASE_PLAN_ASSET_ID, BASE_PLAN_SHAPE_ID } from './basePlanShape'
