/**
 * The needs tab of the side panel: add a need, every need listed (by category, by support or newest
 * first) with "me too" and "show on the plan", the organizer's category editor, and the large-text
 * switch. Counts come from the live state (the event stream), so they change as others tick.
 */
import { useEffect, useRef, useState } from 'react'
import { useEditor } from 'tldraw'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import type { Need, NeedCategory } from '../../shared/participation'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { AddNeedButton } from './AddNeedButton'
import { jumpToNeed } from './jumpToNeed'
import { categoryColour, categoryGlyph, categoryLabel, FILTER_ALL, isNeedSort, listNeeds, liveNeeds, mergedInto, NEED_SORTS, type NeedSort } from './needsLogic'
import { mayEditCategories } from './needPermissions'
import { actorText, timeText, whenAllowed } from './needsText'
import { needsUiState } from './needsUiState'
import { TickButton } from './TickButton'
import { HiddenList } from '../moderation/HiddenList'
import { hiddenLine } from '../moderation/moderationText'
import { ProxyButton } from '../proxy/ProxyButton'
import './needs.css'

/** `active`: the tab is on screen (false while the panel is folded away with the tab kept). */
export function NeedsTab({ active = true }: { active?: boolean }) {
  const ui = useParticipationUi()
  const editor = useEditor()
  const { t, lang } = useI18n()
  const { participation } = useParticipationState()
  const [filter, setFilter] = useState<string>(FILTER_ALL)
  const [sort, setSort] = useState<NeedSort>('support')
  const rootRef = useRef<HTMLDivElement>(null)
  const state = needsUiState(editor)

  // While this tab shows, its own "提需求" button stands in for the floating one.
  useEffect(() => {
    if (!active) return
    state.tabsShown.update((n) => n + 1)
    return () => {
      state.tabsShown.update((n) => n - 1)
    }
  }, [state, active])

  if (!ui) return null
  const n = t.needs
  if (!participation) return <p className="cg-needs-note">{n.loading}</p>

  const categories = new Map(participation.categories.map((c) => [c.id, c]))
  const live = liveNeeds(participation.needs)
  const shown = listNeeds(participation.needs, filter, sort)
  // A filter on a category that was just removed falls back to everything.
  const filterValue = filter === FILTER_ALL || categories.has(filter) ? filter : FILTER_ALL

  const onJump = (need: Need) => {
    // The panel the person tapped in may cover part of the plan (a bottom sheet on a phone).
    const panel = rootRef.current?.closest('aside') ?? null
    const r = panel?.getBoundingClientRect()
    jumpToNeed(editor, need, r ? { x: r.x, y: r.y, w: r.width, h: r.height } : null)
  }

  return (
    <div className="cg-needs-tab" ref={rootRef} data-testid="needs-tab">
      <div className="cg-needs-tab__top">
        {ui.may('addNeed') ? (
          active && <AddNeedButton />
        ) : (
          <p className="cg-needs-note cg-needs-tab__reason" data-testid="need-add-reason">
            {format(n.notNowAdd, { when: whenAllowed(t, lang, ui.role, 'addNeed') })}
          </p>
        )}
        <ProxyButton placeAt={() => editor.getViewportPageBounds().center} />
      </div>

      {/* Folded by default, its summary saying what is chosen: on a phone the list of needs must
          start within the sheet's first screen (in 大字 mode too), not below two pickers. */}
      <details className="cg-needs-tab__refine" data-testid="need-refine">
        <summary className="cg-needs-tab__refine-summary">
          {filterValue === FILTER_ALL ? n.filterAll : categoryLabel(categories.get(filterValue), lang)}
          {' · '}
          {sort === 'support' ? n.sortSupport : n.sortNewest}
        </summary>
      <div className="cg-needs-tab__controls">
        <label className="cg-needs-tab__control">
          <span className="cg-need-form__label">{n.filterLabel}</span>
          <select className="text-input" data-testid="need-filter" value={filterValue} onChange={(e) => setFilter(e.target.value)}>
            <option value={FILTER_ALL}>{n.filterAll}</option>
            {participation.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {categoryLabel(c, lang)}
              </option>
            ))}
          </select>
        </label>
        <label className="cg-needs-tab__control">
          <span className="cg-need-form__label">{n.sortLabel}</span>
          <select className="text-input" data-testid="need-sort" value={sort} onChange={(e) => isNeedSort(e.target.value) && setSort(e.target.value)}>
            {NEED_SORTS.map((s) => (
              <option key={s} value={s}>
                {s === 'support' ? n.sortSupport : n.sortNewest}
              </option>
            ))}
          </select>
        </label>
      </div>
      </details>

      <p className="cg-needs-note" data-testid="need-count">
        {n.listTitle} · {format(n.count, { count: live.length })}
      </p>
      {shown.length === 0 ? (
        <p className="cg-needs-tab__empty">{live.length === 0 ? n.empty : n.emptyFiltered}</p>
      ) : (
        <ul className="cg-need-list">
          {shown.map((need) => (
            <NeedItem
              key={need.id}
              need={need}
              category={categories.get(need.categoryId)}
              mergedCount={mergedInto(participation.needs, need).length}
              onOpen={() => state.sheet.set({ kind: 'card', needId: need.id })}
              onJump={() => onJump(need)}
            />
          ))}
        </ul>
      )}

      <HiddenList participation={participation} />

      {mayEditCategories(ui) && (
        <button type="button" className="button cg-needs-tab__categories" data-testid="categories-edit" onClick={() => state.sheet.set({ kind: 'categories' })}>
          {n.categoriesEdit}
        </button>
      )}
    </div>
  )
}

function NeedItem({ need, category, mergedCount, onOpen, onJump }: {
  need: Need
  category: NeedCategory | undefined
  mergedCount: number
  onOpen: () => void
  onJump: () => void
}) {
  const { t, lang } = useI18n()
  const n = t.needs
  const label = categoryLabel(category, lang)
  return (
    <li className="cg-need-item" data-testid="need-item" data-need-id={need.id} data-support={need.support} data-hidden={need.hidden ? 'true' : undefined}>
      <button type="button" className="cg-need-item__main" data-testid="need-open" onClick={onOpen}>
        <span className="cg-need-glyph" style={{ '--cg-need-colour': categoryColour(need.categoryId) }} aria-hidden="true">
          {categoryGlyph(label)}
        </span>
        <span className="cg-need-item__body">
          {/* Its author's own hidden need: greyed, with why (others do not get it at all). */}
          {need.hidden && <span className="cg-need-item__hidden" data-testid="need-item-hidden">{hiddenLine(t, need.hidden)}</span>}
          <span className={`cg-need-item__text${need.hidden ? ' cg-mod-greyed' : ''}`}>{need.text}</span>
          <span className="cg-need-item__meta">
            {label} · <strong data-testid="need-item-support">{format(n.support, { count: need.support })}</strong>
            {mergedCount > 0 && <> · {format(n.mergedFrom, { count: mergedCount })}</>}
            {' · '}
            {need.source === 'board' ? actorText(t, lang, need.author) : n.sourceShort[need.source]} · {timeText(need.createdAt, lang)}
          </span>
        </span>
      </button>
      <div className="cg-need-item__actions">
        <TickButton need={need} />
        <button type="button" className="button cg-need-item__jump" data-testid="need-jump" onClick={onJump}>
          {n.jump}
        </button>
      </div>
    </li>
  )
}
