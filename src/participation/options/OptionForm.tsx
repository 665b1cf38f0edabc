/**
 * Make or change a design option: its title (方案 A, B… by default), a description, and the needs
 * it answers. A new option also gets a frame on the board, beside everything, in which the expert
 * draws it: with a base plan on the board, the plan's size with a locked copy of the plan inside
 * (optionFrame.ts), so the option is drawn over the site it redesigns.
 *
 * Order: the server records the option first (naming a frame id made here), then the frame is drawn.
 * If the server refuses, nothing is left on the board; the form keeps what was typed.
 */
import { useMemo, useState } from 'react'
import { useEditor, type TLShapeId } from 'tldraw'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { OPTION_DESCRIPTION_MAX, OPTION_TITLE_MAX, type DesignOption, type Need } from '../../shared/participation'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { createOption, updateOption } from '../participationClient'
import { categoryLabel } from '../needs/needsLogic'
import { createOptionFrame, getOptionFrame, givePlanToEmptyFrame, newFrameId, renameOptionFrame, zoomToOptionFrame } from './optionFrame'
import { checkOptionTitle, nextOptionLetter } from './optionTitle'

interface OptionFormProps {
  /** The option to change, or null for a new one. */
  option: DesignOption | null
  onDone: (saved: boolean) => void
}

export function OptionForm({ option, onDone }: OptionFormProps) {
  const editor = useEditor()
  const ui = useParticipationUi()
  const { participation } = useParticipationState()
  const { t, lang } = useI18n()
  const options = participation?.options
  const [title, setTitle] = useState(
    () => option?.title ?? format(t.options.defaultTitle, { letter: nextOptionLetter((options ?? []).map((o) => o.title)) }),
  )
  const [description, setDescription] = useState(option?.description ?? '')
  const [needIds, setNeedIds] = useState<ReadonlySet<string>>(() => new Set(option?.addressedNeedIds ?? []))
  const [error, setError] = useState<{ field: 'title' | 'description' | 'save'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)

  // Live needs, most supported first. A merged need is not offered: the server moved its option
  // links to the need it was merged into, and refuses merged ids.
  const needs = useMemo(
    () => (participation?.needs ?? []).filter((n) => n.mergedInto === null).sort((a, b) => b.support - a.support),
    [participation?.needs],
  )

  if (!ui) return null

  const toggle = (id: string, on: boolean) => {
    const next = new Set(needIds)
    if (on) next.add(id)
    else next.delete(id)
    setNeedIds(next)
  }

  const save = async () => {
    const problem = checkOptionTitle(title)
    if (problem === 'required') return setError({ field: 'title', text: t.options.titleRequired })
    if (problem === 'tooLong') return setError({ field: 'title', text: format(t.options.titleTooLong, { max: OPTION_TITLE_MAX }) })
    if ([...description.trim()].length > OPTION_DESCRIPTION_MAX) {
      return setError({ field: 'description', text: format(t.options.descriptionTooLong, { max: OPTION_DESCRIPTION_MAX }) })
    }
    if (editor.getIsReadonly()) return setError({ field: 'save', text: t.options.failNotNow })
    const live = new Set(needs.map((n) => n.id))
    const body = { title: title.trim(), description: description.trim(), addressedNeedIds: [...needIds].filter((id) => live.has(id)) }
    setBusy(true)
    setError(null)
    try {
      // A lost frame (deleted on the board) is drawn again on the next save.
      const frameId: TLShapeId | null = option && getOptionFrame(editor, option.frameShapeId) ? null : newFrameId()
      if (option) {
        await ui.run((c, o) => updateOption(c, option.id, { ...body, ...(frameId && { frameShapeId: frameId }) }, o))
      } else {
        await ui.run((c, o) => createOption(c, { ...body, frameShapeId: frameId }, o))
      }
      if (frameId) createOptionFrame(editor, frameId, body.title)
      else {
        renameOptionFrame(editor, option?.frameShapeId ?? null, body.title)
        givePlanToEmptyFrame(editor, option?.frameShapeId ?? null)
      }
      zoomToOptionFrame(editor, frameId ?? option?.frameShapeId ?? null)
      onDone(true)
    } catch (err) {
      setError({ field: 'save', text: err instanceof Error ? err.message : t.errors.server })
      setBusy(false)
    }
  }

  return (
    <form
      className="cg-options__form"
      data-testid="option-form"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <h3 className="cg-options__heading">{option ? t.options.editOption : t.options.createOption}</h3>
      <label className="cg-options__label" htmlFor="cg-option-title">{t.options.titleLabel}</label>
      <input
        id="cg-option-title"
        className="text-input"
        data-testid="option-title"
        value={title}
        maxLength={OPTION_TITLE_MAX * 2}
        aria-invalid={error?.field === 'title' ? true : undefined}
        onChange={(e) => {
          setTitle(e.currentTarget.value)
          setError(null)
        }}
      />
      {error?.field === 'title' && <FieldError text={error.text} />}

      <label className="cg-options__label" htmlFor="cg-option-description">{t.options.descriptionLabel}</label>
      <textarea
        id="cg-option-description"
        className="text-input cg-options__textarea"
        data-testid="option-description"
        rows={3}
        value={description}
        placeholder={t.options.descriptionPlaceholder}
        aria-invalid={error?.field === 'description' ? true : undefined}
        onChange={(e) => {
          setDescription(e.currentTarget.value)
          setError(null)
        }}
      />
      {error?.field === 'description' && <FieldError text={error.text} />}

      <fieldset className="cg-options__needs">
        <legend className="cg-options__label">{t.options.needsLabel}</legend>
        {needs.length === 0 && <p className="cg-options__muted">{t.options.noNeeds}</p>}
        {needs.map((need) => (
          <NeedCheckbox
            key={need.id}
            need={need}
            category={categoryLabel(participation?.categories.find((c) => c.id === need.categoryId), lang, need.categoryId)}
            checked={needIds.has(need.id)}
            onChange={(on) => toggle(need.id, on)}
          />
        ))}
      </fieldset>

      {error?.field === 'save' && <FieldError text={error.text} testId="option-error" />}
      <div className="cg-options__row cg-options__row--sticky">
        <button type="submit" className="button button--primary" data-testid="option-save" disabled={busy}>
          {busy ? t.options.saving : t.options.save}
        </button>
        <button type="button" className="button" data-testid="option-cancel" disabled={busy} onClick={() => onDone(false)}>
          {t.options.cancel}
        </button>
      </div>
    </form>
  )
}

function NeedCheckbox({ need, category, checked, onChange }: { need: Need; category: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className="cg-options__check cg-options__need">
      <input type="checkbox" data-testid="option-need" data-need-id={need.id} checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      <span>
        <span className="cg-options__tag">{category}</span> {need.text}
      </span>
    </label>
  )
}

function FieldError({ text, testId }: { text: string; testId?: string }) {
  return (
    <p className="field-error" role="alert" data-testid={testId}>
      {text}
    </p>
  )
}
