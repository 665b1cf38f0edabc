import { useRef, useState, type FormEvent } from 'react'
import { useEditor } from 'tldraw'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { literal } from '../../shared/guards'
import { NEED_SOURCES, NEED_TEXT_MAX, RAISED_BY_MAX, type Need, type NeedCategory, type UpdateNeedRequest } from '../../shared/participation'
import { Dialog } from '../../ui/Dialog'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { createNeed, updateNeed } from '../participationClient'
import { uploadProjectAsset } from '../../projects'
import { CategoryButtons } from './CategoryButtons'
import { draftProblem, parseRaisedBy, pickableCategories, textLength, type DraftProblem, type NeedDraft } from './needsLogic'
import { errorText } from './needsText'
import { needsUiState } from './needsUiState'
import { mayAttachPhoto } from './needPermissions'
import { PhotoField, type PhotoChoice } from './PhotoField'

const isNeedSource = literal(NEED_SOURCES)

type Mode = { kind: 'add'; x: number; y: number } | { kind: 'edit'; need: Need }

/**
 * Add a need at the place tapped (or change one): a kind, a few words, a photo if wanted. The
 * committee (and the organizer) also say where a need gathered off the board came from. Nothing
 * typed is lost on a failure: the form stays open with the error under it.
 */
export function NeedForm({ mode, onClose }: { mode: Mode; onClose: () => void }) {
  const ui = useParticipationUi()
  const editor = useEditor()
  const { t } = useI18n()
  const { participation } = useParticipationState()
  const n = t.needs
  const editing = mode.kind === 'edit' ? mode.need : null

  const [draft, setDraft] = useState<NeedDraft>(() => ({
    categoryId: editing?.categoryId ?? null,
    text: editing?.text ?? '',
    source: editing?.source ?? 'board',
    raisedBy: String(editing && editing.raisedBy > 0 ? editing.raisedBy : 1),
  }))
  const [photo, setPhoto] = useState<PhotoChoice>(editing?.photoSrc ? { kind: 'kept', src: editing.photoSrc } : { kind: 'none' })
  const [preparing, setPreparing] = useState(false)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [problem, setProblem] = useState<DraftProblem['field'] | null>(null)
  // The address of a photo already uploaded, so a retry after a failed save does not upload it again.
  const uploaded = useRef<{ blob: Blob; src: string } | null>(null)
  const textRef = useRef<HTMLTextAreaElement>(null)
  const raisedByRef = useRef<HTMLInputElement>(null)

  if (!ui) return null
  const manage = ui.may('manageNeeds')
  const categories: NeedCategory[] = pickableCategories(participation?.categories ?? [], editing?.categoryId)
  const photoAllowed = mayAttachPhoto(ui)
  const count = textLength(draft.text)

  const problemText = (p: DraftProblem): string => {
    switch (p.field) {
      case 'category':
        return n.errorCategory
      case 'text':
        return p.kind === 'empty' ? n.errorText : format(n.errorTextLong, { max: NEED_TEXT_MAX, count: p.count })
      case 'raisedBy':
        return format(n.errorRaisedBy, { max: RAISED_BY_MAX })
    }
  }

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    if (saving || preparing) return
    const p = draftProblem(manage ? draft : { ...draft, source: 'board' })
    if (p) {
      setProblem(p.field)
      setError(problemText(p))
      if (p.field === 'text') textRef.current?.focus()
      if (p.field === 'raisedBy') raisedByRef.current?.focus()
      return
    }
    setProblem(null)
    setError(null)
    setSaving(true)
    try {
      const photoSrc = await photoAddress(photo)
      const body: UpdateNeedRequest = { categoryId: draft.categoryId ?? undefined, text: draft.text.trim(), photoSrc }
      if (manage) {
        body.source = draft.source
        if (draft.source !== 'board') body.raisedBy = parseRaisedBy(draft.raisedBy) ?? undefined
      }
      if (mode.kind === 'add') {
        const { x, y } = mode
        const res = await ui.run((c, o) => createNeed(c, { ...body, x, y, categoryId: draft.categoryId ?? '', text: body.text ?? '' }, o))
        if (res.id) needsUiState(editor).highlight.set({ needId: res.id, at: Date.now() })
        needsUiState(editor).notice.set({ text: n.added, at: Date.now() })
      } else {
        const needId = mode.need.id
        await ui.run((c, o) => updateNeed(c, needId, body, o))
      }
      onClose()
    } catch (err) {
      setError(errorText(err, t))
    } finally {
      setSaving(false)
    }
  }

  const photoAddress = async (choice: PhotoChoice): Promise<string | null> => {
    if (choice.kind === 'none') return null
    if (choice.kind === 'kept') return choice.src
    if (uploaded.current?.blob === choice.blob) return uploaded.current.src
    try {
      const { src } = await ui.run((c, o) => uploadProjectAsset(c.projectId, c.token, choice.blob, o))
      uploaded.current = { blob: choice.blob, src }
      return src
    } catch (err) {
      throw new Error(format(n.errorPhotoUpload, { reason: errorText(err, t) }), { cause: err })
    }
  }

  const set = (patch: Partial<NeedDraft>) => {
    setDraft((d) => ({ ...d, ...patch }))
    if (problem && Object.keys(patch).some((k) => k === problem || (k === 'categoryId' && problem === 'category'))) {
      setProblem(null)
      setError(null)
    }
  }

  return (
    <Dialog title={editing ? n.editNeedTitle : n.addNeedTitle} testId="need-form" onClose={onClose}>
      <form className="cg-need-form" onSubmit={onSubmit} noValidate>
        <fieldset className="cg-need-form__field cg-need-form__fieldset" aria-invalid={problem === 'category'}>
          <legend className="cg-need-form__label">{n.categoryLabel}</legend>
          <CategoryButtons categories={categories} value={draft.categoryId} onChange={(categoryId) => set({ categoryId })} disabled={saving} />
        </fieldset>

        <label className="cg-need-form__field">
          <span className="cg-need-form__label">{n.textLabel}</span>
          <textarea
            ref={textRef}
            className="text-input cg-need-form__text"
            data-testid="need-text"
            rows={3}
            value={draft.text}
            placeholder={n.textPlaceholder}
            aria-invalid={problem === 'text'}
            disabled={saving}
            onChange={(e) => set({ text: e.target.value })}
          />
          <span className={`cg-needs-note${count > NEED_TEXT_MAX ? ' cg-needs-note--bad' : ''}`}>
            {format(n.textCount, { count, max: NEED_TEXT_MAX })}
          </span>
        </label>

        {photoAllowed ? (
          <PhotoField value={photo} onChange={setPhoto} onPreparing={setPreparing} onError={setError} disabled={saving} />
        ) : (
          <p className="cg-needs-note">{n.photoNotNow}</p>
        )}

        {manage && (
          <div className="cg-need-form__field cg-need-form__committee">
            <label className="cg-need-form__field">
              <span className="cg-need-form__label">{n.sourceLabel}</span>
              <select
                className="text-input"
                data-testid="need-source"
                value={draft.source}
                disabled={saving}
                onChange={(e) => isNeedSource(e.target.value) && set({ source: e.target.value })}
              >
                {NEED_SOURCES.map((s) => (
                  <option key={s} value={s}>
                    {n.sources[s]}
                  </option>
                ))}
              </select>
            </label>
            <p className="cg-needs-note">{n.sourceHelp}</p>
            {draft.source !== 'board' && (
              <label className="cg-need-form__field">
                <span className="cg-need-form__label">{n.raisedByLabel}</span>
                <input
                  ref={raisedByRef}
                  className="text-input cg-need-form__number"
                  data-testid="need-raised-by"
                  inputMode="numeric"
                  value={draft.raisedBy}
                  aria-invalid={problem === 'raisedBy'}
                  disabled={saving}
                  onChange={(e) => set({ raisedBy: e.target.value })}
                />
              </label>
            )}
          </div>
        )}

        {error && (
          <p className="field-error" role="alert" data-testid="need-error">
            {error}
          </p>
        )}
        <div className="cg-need-form__actions">
          <button type="submit" className="button button--primary cg-need-form__submit" data-testid="need-submit" disabled={saving || preparing}>
            {saving ? n.saving : editing ? n.save : n.submit}
          </button>
          <button type="button" className="button" data-testid="need-cancel" disabled={saving} onClick={onClose}>
            {n.cancel}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
