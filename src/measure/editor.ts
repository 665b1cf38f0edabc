/**
 * The measure feature: a locked base plan at the bottom of the board, a scale set by the
 * organizer from a line of known length, and a measure tool showing metres and square metres.
 * This file is its editor side (tldraw), imported from the editor's chunk only; what needs no tldraw
 * (plan geometry, how a length reads) is in ./index.
 *
 * Wiring (src/workflow/ProjectBoardEditor.tsx):
 *   <Tldraw tools={measureTools} overrides={[...otherOverrides, measureOverrides(t, locale)]}
 *           components={{ Toolbar: (p) => <DefaultToolbar {...p}><MeasureToolbarItems isOrganizer={…} /><DefaultToolbarContent /></DefaultToolbar> }}>
 *     <MeasureLayer {...measureOptions} />   (./MeasureLayer, loaded on demand once the canvas is up)
 *   </Tldraw>
 * The tools, the toolbar buttons and the overrides are small and must be there when tldraw mounts
 * (new tools remount the editor); the layer — readouts, overlay, scale dialog, base plan — is not
 * needed for the first paint, so neither it nor ./basePlanShape (which only it uses) is exported
 * here: importing them statically would put them into the board's first download.
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
  onSetScale(metresPerUnit: number, northDegrees: number | null): Promise<void>
}

/** Pass to <Tldraw tools>. */
export const measureTools: TLStateNodeConstructor[] = [MeasureTool, ScaleTool]

export { measureOverrides } from './measureOverrides'
export { MeasureToolbarItems } from './MeasureToolbarItems'
