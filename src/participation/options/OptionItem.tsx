/**
 * One design option in the panel, for everyone: what it is, how many and which needs it answers,
 * "show me" (zoom to its frame), and — folded until opened — its discussion and its revision
 * requests, so a comment or a change request starts right at the option it is about.
 */
import { useState } from 'react'
import { useEditor } from 'tldraw'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import type { DesignOption, ParticipationState } from '../../shared/participation'
import { categoryLabel } from '../needs/needsLogic'
import { OptionRevisions } from '../negotiate/OptionRevisions'
import { TargetDiscussion } from '../negotiate/TargetDiscussion'
import { zoomToOptionFrame } from './optionFrame'
import { foldPanelOnPhone } from '../panelFold'

interface OptionItemProps {
  option: DesignOption
  participation: ParticipationState
  /** Set when this person may change the option now. */
  onEdit: (() => void) | null
}

export function OptionItem({ option, participation, onEdit }: OptionItemProps) {
  const editor = useEditor()
  const { t, lang } = useI18n()
  const [lost, setLost] = useState(false)
  // A hidden need is in the organizer's and committee's "已隐藏" list, not among an option's needs.
  const needs = option.addressedNeedIds.flatMap((id) => participation.needs.filter((n) => n.id === id && !n.hidden))
  const revisions = participation.revisions.filter((r) => r.optionId === option.id)
  const open = revisions.filter((r) => !r.done).length
  const comments = participation.threads
    .filter((th) => th.target.kind === 'option' && th.target.id === option.id)
    .reduce((sum, th) => sum + th.comments.length, 0)
  const category = (id: string) => categoryLabel(participation.categories.find((c) => c.id === id), lang, id)

  return (
    <li className="cg-options__item" data-testid="option-item" data-option-id={option.id}>
      <div className="cg-options__item-head">
        <strong className="cg-options__item-title">{option.title}</strong>
        <span className="cg-options__muted">
          {format(t.options.by, { name: option.author.name, role: t.workflow.roles[option.author.role] })}
        </span>
      </div>
      {option.description && <p className="cg-options__description">{option.description}</p>}
      <p className="cg-options__need-count" data-testid="option-need-count" data-count={option.addressedNeedIds.length}>
        {format(t.options.needCount, { count: option.addressedNeedIds.length })}
      </p>
      {needs.length > 0 && (
        <ul className="cg-options__need-list">
          {needs.map((n) => (
            <li key={n.id} data-testid="option-need-text" data-need-id={n.id}>
              <span className="cg-options__tag">{category(n.categoryId)}</span> {n.text}
              {n.mergedInto !== null && <small className="cg-options__muted"> {t.options.mergedNeed}</small>}
            </li>
          ))}
        </ul>
      )}
      {lost && (
        <p className="field-error" role="alert">
          {t.options.noFrame}
        </p>
      )}
      <div className="cg-options__row">
        <button type="button" className="button" data-testid="option-look" onClick={() => {
          // On a phone the sheet folds first, so the frame is fitted to the whole plan area.
          const folded = foldPanelOnPhone()
          if (!folded) {
            setLost(!zoomToOptionFrame(editor, option.frameShapeId))
            return
          }
          requestAnimationFrame(() => setLost(!zoomToOptionFrame(editor, option.frameShapeId)))
        }}>
          {t.options.look}
        </button>
        {onEdit && (
          <button type="button" className="button" data-testid="option-edit" onClick={onEdit}>
            {t.options.editOption}
          </button>
        )}
      </div>
      <details className="cg-options__more" data-testid="option-discussion">
        <summary className="cg-options__summary">{format(t.options.discussion, { count: comments })}</summary>
        <TargetDiscussion target={{ kind: 'option', id: option.id }} />
      </details>
      <details className="cg-options__more" data-testid="option-revisions-more">
        <summary className="cg-options__summary" data-testid="option-revision-count" data-count={revisions.length} data-open={open}>
          {revisions.length > 0 ? format(t.options.revisions, { count: revisions.length, open }) : t.options.noRevisions}
        </summary>
        <OptionRevisions optionId={option.id} />
      </details>
    </li>
  )
}
