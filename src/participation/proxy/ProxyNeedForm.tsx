/**
 * In the 代录 dialog, while residents add needs: her need, in her words, of a kind. Its pin goes to
 * the middle of what the member is looking at on the plan (`placeAt`); she is its author, and the
 * need says who entered it for her.
 */
import { useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { NEED_TEXT_MAX } from '../../shared/participation'
import { useAction } from '../negotiate/useAction'
import { categoryLabel } from '../needs/needsLogic'
import { useParticipationState } from '../ParticipationContext'
import { needFor } from './proxyClient'

export function ProxyNeedForm({ residentId, placeAt }: { residentId: string; placeAt: () => { x: number; y: number } }) {
  const { participation } = useParticipationState()
  const { t, lang } = useI18n()
  const p = t.proxy
  const { busy, error, act } = useAction()
  const categories = (participation?.categories ?? []).filter((c) => !c.hidden)
  const [categoryId, setCategoryId] = useState(categories[0]?.id ?? '')
  const [text, setText] = useState('')
  const [done, setDone] = useState(false)

  const submit = async () => {
    const { x, y } = placeAt()
    const answer = await act((c, o) => needFor(c, { residentId, categoryId, text, x, y }, o))
    if (answer) {
      setText('')
      setDone(true)
    }
  }
  return (
    <section className="px-section" aria-label={p.needHeading}>
      <h4 className="px-heading">{p.needHeading}</h4>
      <form
        className="px-add"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <label className="px-field">
          <span>{p.needCategory}</span>
          <select className="text-input" data-testid="proxy-need-category" value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
            {categories.map((c) => <option key={c.id} value={c.id}>{categoryLabel(c, lang)}</option>)}
          </select>
        </label>
        <label className="px-field">
          <span>{p.needText}</span>
          <textarea className="text-input" data-testid="proxy-need-text" rows={3} maxLength={NEED_TEXT_MAX} value={text} onChange={(e) => { setText(e.target.value); setDone(false) }} />
        </label>
        <p className="px-muted">{p.needPlaced}</p>
        <button type="submit" className="button button--primary px-big" data-testid="proxy-need-add" disabled={busy || text.trim() === '' || categoryId === ''}>
          {p.needAdd}
        </button>
        {done && <p className="ng-ok" role="status">✓ {p.needDone}</p>}
        {error && <p className="ng-error" role="alert">{error}</p>}
      </form>
    </section>
  )
}
