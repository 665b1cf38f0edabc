import { useId, useState, type ChangeEvent } from 'react'
import { formatBytes } from '../board'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { ALLOWED_IMAGE_TYPES } from '../shared/assets'
import { choosePlan, type ChosenPlan } from './basePlanFile'
import type { ErrorText } from './projectFields'

/** A chosen plan with the object URL of its preview (the page revokes it when the plan goes). */
export type PlanWithPreview = ChosenPlan & { previewUrl: string }

interface BasePlanFieldProps {
  plan: PlanWithPreview | null
  onPlan: (plan: PlanWithPreview | null) => void
  error: ErrorText | null
  onError: (error: ErrorText | null) => void
  maxBytes: number
  disabled?: boolean
}

/** The optional base plan: pick an image, see it small with its pixel size, change or drop it. */
export function BasePlanField({ plan, onPlan, error, onError, maxBytes, disabled }: BasePlanFieldProps) {
  const { t, lang } = useI18n()
  const id = useId()
  const [checking, setChecking] = useState(false)

  const onChange = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget
    const file = input.files?.[0]
    // Cleared so choosing the same file again (after fixing it) fires another change.
    input.value = ''
    if (!file) return
    setChecking(true)
    const result = await choosePlan(file, maxBytes)
    setChecking(false)
    if (typeof result === 'function') {
      onError(result)
      return
    }
    onError(null)
    onPlan({ ...result, previewUrl: URL.createObjectURL(file) })
  }

  return (
    <div className="project-form__field">
      <span className="project-form__label" id={`${id}-label`}>{t.projects.planLabel}</span>
      <p id={`${id}-hint`} className="project-form__hint">
        {format(t.projects.planHint, { size: formatBytes(maxBytes) })}
      </p>
      {plan && (
        <figure className="plan-preview">
          <img src={plan.previewUrl} alt={t.projects.planPreviewAlt} className="plan-preview__img" />
          <figcaption className="plan-preview__caption">
            <span className="plan-preview__name">{plan.file.name}</span>
            <span data-testid="project-baseplan-size">
              {format(t.projects.planSize, { width: plan.width, height: plan.height })}
            </span>
          </figcaption>
        </figure>
      )}
      <div className="plan-field__actions">
        <label className={`button plan-field__choose${disabled || checking ? ' is-disabled' : ''}`}>
          <input
            type="file"
            className="visually-hidden"
            data-testid="project-baseplan"
            accept={ALLOWED_IMAGE_TYPES.join(',')}
            disabled={disabled || checking}
            aria-labelledby={`${id}-label`}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
            aria-invalid={error ? true : undefined}
            onChange={(e) => void onChange(e)}
          />
          {plan ? t.projects.planChange : t.projects.planChoose}
        </label>
        {(plan || error) && (
          <button
            type="button"
            className="button plan-field__clear"
            data-testid="project-baseplan-clear"
            disabled={disabled}
            onClick={() => {
              onPlan(null)
              onError(null)
            }}
          >
            {t.projects.planClear}
          </button>
        )}
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error" data-testid="project-baseplan-error" role="alert">
          {error(t, lang)}
        </p>
      )}
    </div>
  )
}
