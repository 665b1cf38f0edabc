/**
 * The site-visit tools of an expert (or the organizer): upload photos, choose whether to keep
 * their location, add an observation. Shown only while this person may draw on the board.
 */
import { useEditor, useValue } from 'tldraw'
import { useI18n } from '../../i18n/I18nProvider'
import { photoJob } from './sitePhotos'

interface SiteToolsProps {
  keepGps: boolean
  onKeepGps: (keep: boolean) => void
  onPhotos: (files: File[]) => void
  onAddObservation: () => void
}

export function SiteTools({ keepGps, onKeepGps, onPhotos, onAddObservation }: SiteToolsProps) {
  const editor = useEditor()
  const { t } = useI18n()
  // One upload at a time: the grid of each upload is laid out around its own tap.
  const busy = useValue('cg photo job busy', () => photoJob(editor).get()?.finished === false, [editor])
  return (
    <section className="cg-options__section" aria-labelledby="cg-site-title">
      <h3 id="cg-site-title" className="cg-options__heading">{t.options.siteTitle}</h3>
      <div className="cg-options__row">
        <label className={`button button--primary cg-options__file${busy ? ' cg-options__file--busy' : ''}`}>
          {t.options.uploadPhotos}
          <input
            type="file"
            multiple
            accept="image/*"
            disabled={busy}
            data-testid="upload-photos"
            className="cg-options__file-input"
            onChange={(e) => {
              const files = [...(e.currentTarget.files ?? [])]
              // Cleared so choosing the same photos again still fires a change.
              e.currentTarget.value = ''
              if (files.length > 0) onPhotos(files)
            }}
          />
        </label>
        <button type="button" className="button" data-testid="add-observation" onClick={onAddObservation}>
          {t.options.addObservation}
        </button>
      </div>
      <label className="cg-options__check">
        <input type="checkbox" data-testid="keep-gps" checked={keepGps} onChange={(e) => onKeepGps(e.currentTarget.checked)} />
        <span>
          {t.options.keepGps}
          <small className="cg-options__hint-small">{t.options.keepGpsHint}</small>
        </span>
      </label>
    </section>
  )
}
