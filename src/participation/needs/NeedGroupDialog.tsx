import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { Dialog } from '../../ui/Dialog'
import { useParticipationState } from '../ParticipationContext'
import { categoryColour, categoryLabel, sortNeeds } from './needsLogic'

/**
 * The needs of one pin bubble whose pins sit on the same spot (zooming in cannot separate them): one
 * big button per need, in words, most supported first; a tap opens its card. Needs merged or deleted
 * meanwhile drop out of the list.
 */
export function NeedGroupDialog({ needIds, onClose, onOpen }: { needIds: readonly string[]; onClose: () => void; onOpen: (needId: string) => void }) {
  const { t, lang } = useI18n()
  const { participation } = useParticipationState()
  if (!participation) return null
  const wanted = new Set(needIds)
  const needs = sortNeeds(participation.needs.filter((n) => wanted.has(n.id) && n.mergedInto === null), 'support')
  return (
    <Dialog title={format(t.needs.groupTitle, { count: needs.length })} testId="need-group" onClose={onClose}>
      <ul className="cg-need-group">
        {needs.map((need) => {
          const label = categoryLabel(participation.categories.find((c) => c.id === need.categoryId), lang)
          return (
            <li key={need.id}>
              <button
                type="button"
                className="cg-need-group__item"
                style={{ '--cg-need-colour': categoryColour(need.categoryId) }}
                data-testid="need-group-item"
                data-need-id={need.id}
                onClick={() => onOpen(need.id)}
              >
                <span className="cg-need-group__head">
                  <span className="cg-need-pin__dot" aria-hidden="true" />
                  <strong>{label}</strong>
                  <span>{format(t.needs.support, { count: need.support })}</span>
                </span>
                <span className="cg-need-group__text">{need.text}</span>
              </button>
            </li>
          )
        })}
      </ul>
    </Dialog>
  )
}
