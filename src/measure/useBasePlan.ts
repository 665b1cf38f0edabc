/**
 * Puts the project's base plan on the board (organizer's client only) and keeps drawings above it
 * (every client). MeasureLayer mounts once the editor has the synced board, so "missing" here
 * means missing on the board, not merely not loaded yet; and because the records have fixed ids,
 * a second organizer tab inserting at the same moment writes the same records, not a copy.
 */
import { useEffect } from 'react'
import { useValue, type Editor } from 'tldraw'
import type { BasePlan } from '../shared/projectApi'
import { ensureBasePlan, keepShapesAboveBasePlan, zoomToBasePlan } from './basePlanShape'

export function useBasePlan(editor: Editor, basePlan: BasePlan | null, mayInsert: boolean, name: string): void {
  useEffect(() => keepShapesAboveBasePlan(editor), [editor])

  const readonly = useValue('cg readonly', () => editor.getIsReadonly(), [editor])
  const src = basePlan?.src
  const width = basePlan?.width
  const height = basePlan?.height
  const mimeType = basePlan?.mimeType
  useEffect(() => {
    // Read-only editors refuse store writes; the server would drop them too.
    if (!mayInsert || readonly || !src || !width || !height || !mimeType) return
    const result = ensureBasePlan(editor, { src, width, height, mimeType }, name)
    if (result === 'created') zoomToBasePlan(editor)
  }, [editor, mayInsert, readonly, src, width, height, mimeType, name])
}
