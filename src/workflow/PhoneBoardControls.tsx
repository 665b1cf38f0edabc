/**
 * A project board on a phone: the plan and our own large controls, no tldraw editing
 * chrome (ProjectBoardEditor hides tldraw's UI). One finger moves the plan (the hand tool), two
 * zoom. Whoever may draw in this stage enters drawing as a deliberate mode and leaves it with one
 * tap:
 *  - a resident gets a few large tools (pen, eraser, move) and undo — undo kept apart from "done",
 *    and nothing that deletes or duplicates a selection, so a mis-tap cannot destroy work;
 *  - an expert or the organizer (who sketch on site) get tldraw's full toolbar while drawing.
 * The server decides what may be drawn either way (src/shared/boardRules.ts); this only decides
 * what is offered.
 */
import { useEffect } from 'react'
import { useEditor, useValue } from 'tldraw'
import { PeoplePanel } from '../board/PeoplePanel'
import { useI18n } from '../i18n/I18nProvider'
import { useParticipationState } from '../participation'
import type { Role } from '../shared/workflow'
import { fitSite } from './FitOnOpen'
import './phoneBoard.css'

interface PhoneBoardControlsProps {
  role: Role
  canDraw: boolean
  drawing: boolean
  setDrawing: (drawing: boolean) => void
}

const RESIDENT_TOOLS = ['draw', 'eraser', 'hand'] as const

export function PhoneBoardControls({ role, canDraw, drawing, setDrawing }: PhoneBoardControlsProps) {
  const editor = useEditor()
  const { t } = useI18n()
  const p = t.board.phone
  const tool = useValue('cg current tool', () => editor.getCurrentToolId(), [editor])
  const canUndo = useValue('cg can undo', () => editor.getCanUndo(), [editor])

  const { participation } = useParticipationState()
  const needs = participation?.needs

  // Lets the CSS put away everything but the drawing tools (phoneBoard.css).
  useEffect(() => {
    if (!drawing) return
    document.body.setAttribute('data-cg-drawing', '')
    return () => document.body.removeAttribute('data-cg-drawing')
  }, [drawing])

  // Looking, not drawing: one finger pans. Lifecycle: runs on entering and leaving drawing, and
  // when a stage move takes drawing away (ProjectBoardEditor ends the mode then).
  useEffect(() => {
    if (drawing) {
      if (role === 'resident') editor.setCurrentTool('draw')
      return
    }
    editor.selectNone()
    editor.setCurrentTool('hand')
  }, [editor, drawing, role])

  const fit = (
    <button
      type="button"
      className="button cg-phone-fit"
      data-testid="phone-fit"
      title={p.fitLabel}
      onClick={() => fitSite(editor, needs ?? [])}
    >
      {p.fit}
    </button>
  )
  // Who is here, folded to one line under the top-right button (tldraw's slot for it is hidden).
  const people = (
    <div className={`cg-phone-people${canDraw ? ' cg-phone-people--below' : ''}`}>
      <PeoplePanel />
    </div>
  )
  if (!canDraw) {
    return (
      <>
        {fit}
        {people}
      </>
    )
  }
  if (!drawing) {
    return (
      <>
        {fit}
        {people}
        <button
          type="button"
          className="button cg-phone-draw"
          data-testid="phone-draw"
          title={p.drawLabel}
          onClick={() => setDrawing(true)}
        >
          {p.draw}
        </button>
      </>
    )
  }
  if (role !== 'resident') {
    return (
      <button type="button" className="button button--primary cg-phone-done cg-phone-done--float" data-testid="phone-draw-done" onClick={() => setDrawing(false)}>
        {p.doneDrawing}
      </button>
    )
  }
  const label: Record<(typeof RESIDENT_TOOLS)[number], string> = { draw: p.pen, eraser: p.eraser, hand: p.move }
  return (
    <div className="cg-phone-tools" role="toolbar" aria-label={p.toolsLabel} data-testid="phone-tools">
      {RESIDENT_TOOLS.map((id) => (
        <button
          key={id}
          type="button"
          className={`cg-phone-tool${tool === id ? ' cg-phone-tool--on' : ''}`}
          data-testid={`phone-tool-${id}`}
          aria-pressed={tool === id}
          onClick={() => editor.setCurrentTool(id)}
        >
          {label[id]}
        </button>
      ))}
      <button
        type="button"
        className="cg-phone-tool cg-phone-tool--undo"
        data-testid="phone-undo"
        disabled={!canUndo}
        onClick={() => editor.undo()}
      >
        {p.undo}
      </button>
      <button type="button" className="button button--primary cg-phone-done" data-testid="phone-draw-done" onClick={() => setDrawing(false)}>
        {p.doneDrawing}
      </button>
    </div>
  )
}
