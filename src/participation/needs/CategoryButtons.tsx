import { useI18n } from '../../i18n/I18nProvider'
import type { NeedCategory } from '../../shared/participation'
import { categoryColour, categoryGlyph, categoryLabel } from './needsLogic'

/** The kinds of need as big buttons, two to a row on a phone: one tap picks one. */
export function CategoryButtons({ categories, value, onChange, disabled }: {
  categories: readonly NeedCategory[]
  value: string | null
  onChange: (categoryId: string) => void
  disabled: boolean
}) {
  const { lang } = useI18n()
  return (
    <div className="cg-need-categories">
      {categories.map((c) => {
        const label = categoryLabel(c, lang)
        const on = c.id === value
        return (
          <button
            key={c.id}
            type="button"
            className={`cg-need-category${on ? ' cg-need-category--on' : ''}`}
            style={{ '--cg-need-colour': categoryColour(c.id) }}
            data-testid="need-category"
            data-category={c.id}
            aria-pressed={on}
            disabled={disabled}
            onClick={() => onChange(c.id)}
          >
            <span className="cg-need-glyph" aria-hidden="true">{categoryGlyph(label)}</span>
            <span className="cg-need-category__label">{label}</span>
          </button>
        )
      })}
    </div>
  )
}
