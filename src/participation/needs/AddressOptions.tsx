import { useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import type { Need } from '../../shared/participation'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { addressNeed, unaddressNeed } from '../participationClient'
import { errorText } from './needsText'

/** Committee, experts and the organizer mark which design options answer a need (one tap on, one tap off). */
export function AddressOptions({ need }: { need: Need }) {
  const ui = useParticipationUi()
  const { t } = useI18n()
  const { participation } = useParticipationState()
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  if (!ui || !participation) return null
  const n = t.needs
  const options = participation.options

  const toggle = async (optionId: string, on: boolean) => {
    setBusy(optionId)
    setError(null)
    try {
      await ui.run((c, o) => (on ? unaddressNeed(c, need.id, optionId, o) : addressNeed(c, need.id, optionId, o)))
    } catch (err) {
      setError(errorText(err, t))
    } finally {
      setBusy(null)
    }
  }

  return (
    <section className="cg-need-card__section" data-testid="need-address">
      <h3 className="cg-need-card__section-title">{n.addressTitle}</h3>
      {options.length === 0 ? (
        <p className="cg-needs-note">{n.noOptions}</p>
      ) : (
        <>
          <p className="cg-needs-note">{n.addressHelp}</p>
          <div className="cg-need-address">
            {options.map((option) => {
              const on = need.addressedBy.includes(option.id)
              return (
                <button
                  key={option.id}
                  type="button"
                  className={`button cg-need-address__option${on ? ' cg-need-address__option--on' : ''}`}
                  data-testid="need-address-option"
                  data-option-id={option.id}
                  aria-pressed={on}
                  disabled={busy !== null}
                  onClick={() => toggle(option.id, on)}
                >
                  {on ? '✓ ' : ''}
                  {option.title}
                </button>
              )
            })}
          </div>
        </>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
