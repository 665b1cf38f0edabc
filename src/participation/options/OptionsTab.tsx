/**
 * The options tab of the participation panel (the tab the site-visit stage opens on): an expert's
 * site tools (photos, observations), then the design options — made and changed by experts and
 * the organizer, read by everyone.
 *
 * One thing at a time: while a place is being picked on the plan, the tab shows only the hint, so
 * the panel (a bottom sheet on a phone) stays short and the plan is free to tap.
 */
import { useState } from 'react'
import { useEditor, type VecLike } from 'tldraw'
import { useClientConfig } from '../../net/clientConfig'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { DEFAULT_MAX_UPLOAD_BYTES } from '../../shared/assets'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { notInStageText } from './notAvailable'
import { ObservationForm } from './ObservationForm'
import { OptionForm } from './OptionForm'
import { OptionItem } from './OptionItem'
import { PhotoJobStatus } from './PhotoJobStatus'
import { PlaceHint } from './PlaceHint'
import { SiteTools } from './SiteTools'
import { uploadSitePhotos } from './sitePhotos'
import './options.css'

type Mode =
  | { kind: 'list' }
  | { kind: 'placePhotos'; files: File[] }
  | { kind: 'placeObservation' }
  | { kind: 'observation'; at: VecLike }
  | { kind: 'option'; optionId: string | null }

type Notice = 'observationAdded' | 'created' | null

/**
 * `active`: the tab is on screen. While the panel is folded away a pending "tap the place" waits
 * without listening, so a tap on the plan meant for something else places nothing.
 */
export function OptionsTab({ active = true }: { active?: boolean }) {
  const editor = useEditor()
  const ui = useParticipationUi()
  const { participation } = useParticipationState()
  const { t, lang } = useI18n()
  const config = useClientConfig()
  const [mode, setMode] = useState<Mode>({ kind: 'list' })
  const [keepGps, setKeepGps] = useState(false)
  const [notice, setNotice] = useState<Notice>(null)
  if (!ui) return null

  const { role, stage } = ui
  // Site photos and observations are the experts' (and the organizer's) work, written to the board.
  const siteRole = role === 'expert' || role === 'organizer'
  const canSite = siteRole && ui.may('draw')
  const canEditOptions = ui.may('editOptions') && ui.may('draw')
  const list = () => setMode({ kind: 'list' })

  const startPhotos = (files: File[], at: VecLike) => {
    setMode({ kind: 'list' })
    void uploadSitePhotos({
      editor,
      files,
      center: at,
      keepGps,
      caller: ui.caller,
      maxUploadBytes: config?.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
      i18n: () => ({ t, lang }),
    })
  }

  // The stage moved on while a place was being picked: the tools are gone, so is the wait.
  // And "change option X" never turns into "make a new option" when X is not in the state.
  const lostOption = mode.kind === 'option' && mode.optionId !== null && !participation?.options.some((o) => o.id === mode.optionId)
  const lostPlace = !canSite && (mode.kind === 'placePhotos' || mode.kind === 'placeObservation')
  const current: Mode = lostOption || lostPlace ? { kind: 'list' } : mode

  switch (current.kind) {
    case 'placePhotos':
      if (!active) return null
      return (
        <div className="cg-options">
          <PlaceHint
            testId="photo-place-hint"
            text={format(t.options.photoPlaceHint, { count: current.files.length })}
            allowInView
            onPick={(at) => startPhotos(current.files, at)}
            onCancel={list}
          />
        </div>
      )
    case 'placeObservation':
      if (!active) return null
      return (
        <div className="cg-options">
          <PlaceHint
            testId="observation-place-hint"
            text={t.options.observationPlaceHint}
            onPick={(at) => setMode({ kind: 'observation', at })}
            onCancel={list}
          />
        </div>
      )
    case 'observation':
      return (
        <div className="cg-options">
          <ObservationForm
            at={current.at}
            author={ui.myName}
            onDone={(added) => {
              setNotice(added ? 'observationAdded' : null)
              list()
            }}
          />
        </div>
      )
    case 'option': {
      const { optionId } = current
      const option = optionId ? participation?.options.find((o) => o.id === optionId) ?? null : null
      return (
        <div className="cg-options">
          <OptionForm
            key={optionId ?? 'new'}
            option={option}
            onDone={(saved) => {
              setNotice(saved && !optionId ? 'created' : null)
              list()
            }}
          />
        </div>
      )
    }
  }

  const siteReason = siteRole && !canSite ? notInStageText(t, lang, role, stage, ['draw'], t.options.whatPhotos) : null
  const optionsReason = canEditOptions
    ? null
    : notInStageText(t, lang, role, stage, ['editOptions', 'draw'], t.options.whatOptions) ?? t.options.notForRole
  const options = participation?.options ?? []

  return (
    <div className="cg-options" data-testid="options-tab">
      {notice && (
        <p className="cg-options__notice" role="status" data-testid="options-notice">
          {notice === 'observationAdded' ? t.options.observationAdded : t.options.created}
        </p>
      )}
      {canSite && (
        <SiteTools
          keepGps={keepGps}
          onKeepGps={setKeepGps}
          onPhotos={(files) => {
            setNotice(null)
            setMode({ kind: 'placePhotos', files })
          }}
          onAddObservation={() => {
            setNotice(null)
            setMode({ kind: 'placeObservation' })
          }}
        />
      )}
      {siteReason && (
        <p className="cg-options__muted" data-testid="site-unavailable">
          {siteReason}
        </p>
      )}
      <PhotoJobStatus />

      <section className="cg-options__section" aria-labelledby="cg-options-title">
        <h3 id="cg-options-title" className="cg-options__heading">{t.options.optionsTitle}</h3>
        {canEditOptions ? (
          <button
            type="button"
            className="button button--primary cg-options__wide"
            data-testid="create-option"
            onClick={() => {
              setNotice(null)
              setMode({ kind: 'option', optionId: null })
            }}
          >
            {t.options.createOption}
          </button>
        ) : (
          <p className="cg-options__muted" data-testid="options-unavailable">
            {optionsReason}
          </p>
        )}
        {!participation || options.length === 0 ? (
          <p className="cg-options__muted" data-testid="options-empty">
            {t.options.empty} {!canEditOptions && t.options.emptyHint}
          </p>
        ) : (
          <ul className="cg-options__list">
            {options.map((option) => (
              <OptionItem
                key={option.id}
                option={option}
                participation={participation}
                onEdit={canEditOptions ? () => setMode({ kind: 'option', optionId: option.id }) : null}
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
