/**
 * Under an open vote, for the committee and organizer: enter a batch of paper ballots (per option a
 * count, and where they came from), and see, correct or remove the batches entered — each change
 * kept as a record on the server.
 */
import { useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { PAPER_COUNT_MAX, PAPER_SOURCE_MAX, type PaperBatch } from '../../shared/proxyEntry'
import type { Vote } from '../../shared/participation'
import { useAction } from '../negotiate/useAction'
import { useParticipationState } from '../ParticipationContext'
import { addPaper, correctPaper, removePaper } from './proxyClient'
import { useProxyRecord } from './useProxyRecord'

export function PaperBallots({ vote }: { vote: Vote }) {
  const { participation } = useParticipationState()
  const { t, lang } = useI18n()
  const p = t.proxy
  const record = useProxyRecord()
  const { busy, error, setError, act } = useAction()
  const [counts, setCounts] = useState<Record<string, string>>({})
  const [source, setSource] = useState('')
  const [editing, setEditing] = useState<string | null>(null)
  if (!participation) return null
  const title = (id: string) => participation.options.find((o) => o.id === id)?.title ?? t.negotiate.target.gone
  const batches = (record?.paper ?? []).filter((b) => b.voteId === vote.id)
  const open = vote.status === 'open'

  const save = async () => {
    const numbers: Record<string, number> = {}
    for (const id of vote.optionIds) {
      const n = Number(counts[id] ?? '0')
      if (!Number.isInteger(n) || n < 0 || n > PAPER_COUNT_MAX) return setError(format(p.paperCount, { title: title(id) }))
      if (n > 0) numbers[id] = n
    }
    const answer = await act((c, o) => editing ? correctPaper(c, vote.id, editing, numbers, source, o) : addPaper(c, vote.id, numbers, source, o))
    if (answer) {
      setCounts({})
      setSource('')
      setEditing(null)
    }
  }
  const edit = (b: PaperBatch) => {
    setEditing(b.id)
    setSource(b.source)
    setCounts(Object.fromEntries(Object.entries(b.counts).map(([k, v]) => [k, String(v)])))
  }
  const countsText = (b: PaperBatch) => Object.entries(b.counts).map(([id, n]) => `${title(id)} ${n}`).join(lang === 'en' ? ', ' : '、')

  return (
    <details className="px-paper" data-testid="paper-ballots" open={editing !== null || undefined}>
      <summary className="px-paper__summary">{p.paperHeading}</summary>
      {open && (
        <form
          noValidate
          className="px-paper__form"
          onSubmit={(e) => {
            e.preventDefault()
            void save()
          }}
        >
          <p className="px-muted">{p.paperIntro}</p>
          {vote.optionIds.map((id) => (
            <label key={id} className="px-field">
              <span>{format(vote.mode === 'dots' ? p.paperCountDots : p.paperCount, { title: title(id) })}</span>
              <input
                className="text-input"
                type="number"
                inputMode="numeric"
                min={0}
                max={PAPER_COUNT_MAX}
                data-testid="paper-count"
                data-option-id={id}
                value={counts[id] ?? ''}
                onChange={(e) => setCounts((c) => ({ ...c, [id]: e.target.value }))}
              />
            </label>
          ))}
          <label className="px-field">
            <span>{p.paperSource}</span>
            <input className="text-input" data-testid="paper-source" placeholder={p.paperSourceHint} maxLength={PAPER_SOURCE_MAX} value={source} onChange={(e) => setSource(e.target.value)} />
          </label>
          <button type="submit" className="button button--primary px-big" data-testid="paper-add" disabled={busy || source.trim() === ''}>
            {editing ? p.paperSave : p.paperAdd}
          </button>
          {error && <p className="ng-error" role="alert">{error}</p>}
        </form>
      )}
      {batches.length > 0 && (
        <>
          <h5 className="px-heading">{p.paperBatches}</h5>
          <ul className="px-batches">
            {batches.map((b) => (
              <li key={b.id} className={`px-batch${b.removedAt !== null ? ' px-batch--removed' : ''}`} data-testid="paper-batch">
                <span>{format(p.paperBatch, { source: b.source, counts: countsText(b), by: b.byName })}</span>
                {b.removedAt !== null ? (
                  <span className="px-muted"> · {format(b.replacedBy ? p.paperCorrected : p.paperRemoved, { by: b.removedByName ?? '' })}</span>
                ) : open && (
                  <span className="px-batch__actions">
                    <button type="button" className="button" onClick={() => edit(b)}>{p.paperCorrect}</button>
                    <button type="button" className="button button--danger" disabled={busy} onClick={() => void act((c, o) => removePaper(c, vote.id, b.id, o))}>{p.paperRemove}</button>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  )
}
