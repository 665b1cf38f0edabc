import { useEffect, useState } from 'react'
import { useEditor } from 'tldraw'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import type { Need, ParticipationState } from '../../shared/participation'
import { Dialog } from '../../ui/Dialog'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { deleteNeed } from '../participationClient'
import { AddressOptions } from './AddressOptions'
import { NeedResources } from './NeedResources'
import { categoryColour, categoryGlyph, categoryLabel, mergedInto } from './needsLogic'
import { mayChangeNeed, mayMerge } from './needPermissions'
import { actorText, errorText, timeText } from './needsText'
import { needsUiState } from './needsUiState'
import { TickButton } from './TickButton'
import { jumpToNeed } from './jumpToNeed'
import { TargetDiscussion } from '../negotiate/TargetDiscussion'
import { HiddenNotice } from '../moderation/HiddenNotice'
import { HideButton } from '../moderation/HideButton'
import { ProxyNeedLines } from '../proxy/ProxyNeedLines'

/** A need's card: what, who, when, how many support it, what answers it, and what may be done with it. */
export function NeedCard({ needId, onClose }: { needId: string; onClose: () => void }) {
  const ui = useParticipationUi()
  const editor = useEditor()
  const { t, lang } = useI18n()
  const { participation } = useParticipationState()
  const [confirmDelete, setConfirmDelete] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const n = t.needs
  const need = participation?.needs.find((x) => x.id === needId)
  const sheet = needsUiState(editor).sheet

  // The need being discussed is brought into view: its pin in the part of the plan the card leaves
  // free (above it on a phone, where the card is a lower-half sheet). Once per need opened, after
  // the card is laid out; its position is read from the card itself.
  const hasNeed = need !== undefined && need.mergedInto === null
  const x = need?.x
  const y = need?.y
  useEffect(() => {
    if (!hasNeed || x === undefined || y === undefined) return
    const frame = requestAnimationFrame(() => {
      const card = document.querySelector('[data-testid="need-card"]')
      const r = card?.getBoundingClientRect()
      jumpToNeed(editor, { id: needId, x, y }, r ? { x: r.x, y: r.y, w: r.width, h: r.height } : null)
    })
    return () => cancelAnimationFrame(frame)
    // Only when another need is opened, not when the pin's need changes while open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, needId, hasNeed])

  if (!ui || !participation) return null
  // Deleted (or merged) by someone else while this card was open: say so rather than vanish.
  if (!need || need.mergedInto !== null) {
    const target = need?.mergedInto ?? null
    return (
      <Dialog title={n.details} testId="need-card" onClose={onClose}>
        <p>{need ? n.mergedInfo : t.errors.notFound}</p>
        {target && (
          <button type="button" className="button" onClick={() => sheet.set({ kind: 'card', needId: target })}>
            {n.details}
          </button>
        )}
      </Dialog>
    )
  }

  const category = participation.categories.find((c) => c.id === need.categoryId)
  const label = categoryLabel(category, lang)
  const merged = mergedInto(participation.needs, need)

  const onDelete = async () => {
    setBusy(true)
    setError(null)
    try {
      await ui.run((c, o) => deleteNeed(c, need.id, o))
      onClose()
    } catch (err) {
      setError(errorText(err, t))
      setConfirmDelete(false)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog title={label} testId="need-card" onClose={onClose} size="peek">
      <div className="cg-need-card" data-need-id={need.id} data-support={need.support}>
        <div className="cg-need-card__head">
          <span className="cg-need-glyph" style={{ '--cg-need-colour': categoryColour(need.categoryId) }} aria-hidden="true">
            {categoryGlyph(label)}
          </span>
          <span className="cg-need-card__support" data-testid="need-support">
            {format(n.support, { count: need.support })}
          </span>
        </div>
        {need.hidden && <HiddenNotice mark={need.hidden} target={{ kind: 'need', id: need.id }} />}
        <p className={`cg-need-card__text${need.hidden ? ' cg-mod-greyed' : ''}`} data-testid="need-card-text">{need.text}</p>
        {need.photoSrc && (
          <a href={need.photoSrc} target="_blank" rel="noopener" className={`cg-need-card__photo-link${need.hidden || need.photoHidden ? ' cg-mod-greyed' : ''}`}>
            <img className="cg-need-card__photo" src={need.photoSrc} alt={n.photoAlt} data-testid="need-card-photo" />
          </a>
        )}
        {need.photoHidden && !need.hidden && <HiddenNotice mark={need.photoHidden} target={{ kind: 'photo', id: need.id }} />}
        <Byline need={need} />
        <ProxyNeedLines need={need} />
        {need.raisedBy > 0 && (
          <p className="cg-needs-note">{format(n.supportDetail, { ticks: need.ticks, raisedBy: need.raisedBy })}</p>
        )}
        <TickButton need={need} explain />
        <AddressedBy need={need} participation={participation} />
        <NeedResources need={need} />
        {merged.length > 0 && (
          <details className="cg-need-card__merged" data-testid="need-merged-history">
            <summary>{format(n.mergedFrom, { count: merged.length })}</summary>
            <ul>
              {merged.map((m) => (
                <li key={m.id}>
                  <span className="cg-need-card__merged-text">{m.text}</span>
                  <span className="cg-needs-note"> — {actorText(t, lang, m.author)}, {timeText(m.createdAt, lang)}</span>
                </li>
              ))}
            </ul>
          </details>
        )}
        {ui.may('addressNeeds') && participation.options.length > 0 && <AddressOptions need={need} />}
        <div className="cg-need-card__actions">
          {mayChangeNeed(ui, need) && (
            <button type="button" className="button" data-testid="need-edit" disabled={busy} onClick={() => sheet.set({ kind: 'edit', needId: need.id })}>
              {n.edit}
            </button>
          )}
          {mayMerge(ui) && (
            <button type="button" className="button" data-testid="need-merge" disabled={busy} onClick={() => sheet.set({ kind: 'merge', needId: need.id })}>
              {n.merge}
            </button>
          )}
          {!need.hidden && <HideButton target={{ kind: 'need', id: need.id }} label={t.moderation.hideNeed} />}
          {need.photoSrc && !need.hidden && !need.photoHidden && (
            <HideButton target={{ kind: 'photo', id: need.id }} label={t.moderation.hidePhoto} />
          )}
          {mayChangeNeed(ui, need) && !confirmDelete && (
            <button type="button" className="button" data-testid="need-delete" disabled={busy} onClick={() => setConfirmDelete(true)}>
              {n.delete}
            </button>
          )}
        </div>
        {confirmDelete && (
          <div className="cg-need-card__confirm" role="alertdialog" aria-label={n.deleteConfirm}>
            <p>{n.deleteConfirm}</p>
            <div className="cg-need-card__actions">
              <button type="button" className="button button--danger" data-testid="need-delete-confirm" disabled={busy} onClick={onDelete}>
                {n.deleteYes}
              </button>
              <button type="button" className="button" disabled={busy} onClick={() => setConfirmDelete(false)}>
                {n.deleteNo}
              </button>
            </div>
          </div>
        )}
        {error && (
          <p className="field-error" role="alert" data-testid="need-card-error">
            {error}
          </p>
        )}
        <section className="cg-need-card__section" aria-label={t.negotiate.comments.threadsTitle}>
          <h3 className="cg-need-card__section-title">{t.negotiate.comments.threadsTitle}</h3>
          <TargetDiscussion target={{ kind: 'need', id: need.id }} />
        </section>
      </div>
    </Dialog>
  )
}

/** Who added it and when; for a need gathered off the board, where from and for how many residents. */
function Byline({ need }: { need: Need }) {
  const { t, lang } = useI18n()
  const n = t.needs
  const when = timeText(need.createdAt, lang)
  if (need.source === 'board') {
    return <p className="cg-needs-note" data-testid="need-author">{actorText(t, lang, need.author)} · {when}</p>
  }
  return (
    <>
      <p className="cg-need-card__source" data-testid="need-source-line">
        {format(n.sourceLine, { source: n.sourceShort[need.source], count: need.raisedBy })}
      </p>
      <p className="cg-needs-note" data-testid="need-author">
        {format(n.enteredBy, { name: need.author.name, role: t.workflow.roles[need.author.role] })} · {when}
      </p>
    </>
  )
}

function AddressedBy({ need, participation }: { need: Need; participation: ParticipationState }) {
  const { t } = useI18n()
  const options = need.addressedBy.map((id) => participation.options.find((o) => o.id === id)).filter((o) => o !== undefined)
  if (options.length === 0) return null
  return (
    <p className="cg-need-card__addressed" data-testid="need-addressed">
      <span>{t.needs.addressedBy}</span>
      {options.map((o) => (
        <span key={o.id} className="cg-need-badge" data-option-id={o.id}>
          {o.title}
        </span>
      ))}
    </p>
  )
}
