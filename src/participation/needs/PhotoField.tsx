import { useEffect, useState, type ChangeEvent } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { NEED_PHOTO, resizePhoto, UnreadablePhotoError } from '../resizePhoto'

/** The photo a need will have: none, the one it has (editing), or a new one resized here, not yet uploaded. */
export type PhotoChoice = { kind: 'none' } | { kind: 'kept'; src: string } | { kind: 'new'; blob: Blob }

interface PhotoFieldProps {
  value: PhotoChoice
  onChange: (value: PhotoChoice) => void
  onPreparing: (preparing: boolean) => void
  onError: (message: string | null) => void
  disabled: boolean
}

/**
 * "Take a photo": the phone's camera (capture="environment"), the photo resized and stripped of its
 * EXIF block here, before anything leaves the phone. A preview with "another" and "no photo".
 */
export function PhotoField({ value, onChange, onPreparing, onError, disabled }: PhotoFieldProps) {
  const { t } = useI18n()
  const n = t.needs
  const [preparing, setPreparing] = useState(false)
  const preview = usePreviewUrl(value)

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget
    const file = input.files?.[0]
    // Cleared so choosing the same file again still fires a change.
    input.value = ''
    if (!file) return
    setPreparing(true)
    onPreparing(true)
    onError(null)
    try {
      onChange({ kind: 'new', blob: (await resizePhoto(file, NEED_PHOTO)).blob })
    } catch (err) {
      onError(err instanceof UnreadablePhotoError ? n.errorPhotoRead : err instanceof Error ? err.message : n.errorPhotoRead)
    } finally {
      setPreparing(false)
      onPreparing(false)
    }
  }

  return (
    <div className="cg-need-form__field">
      <span className="cg-need-form__label">{n.photoLabel}</span>
      {preview && <img className="cg-need-form__preview" src={preview} alt={n.photoAlt} data-testid="need-photo-preview" />}
      {preparing && <p className="cg-needs-note" role="status">{n.photoPreparing}</p>}
      <div className="cg-need-form__row">
        <label className={`button cg-need-form__photo-button${disabled || preparing ? ' cg-need-form__photo-button--off' : ''}`}>
          {value.kind === 'none' ? n.photoButton : n.photoChange}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            className="visually-hidden"
            data-testid="need-photo"
            disabled={disabled || preparing}
            onChange={onFile}
          />
        </label>
        {value.kind !== 'none' && (
          <button type="button" className="button" data-testid="need-photo-remove" disabled={disabled || preparing} onClick={() => onChange({ kind: 'none' })}>
            {n.photoRemove}
          </button>
        )}
      </div>
    </div>
  )
}

/** An object URL for a new photo's preview, revoked when it changes or the field goes away. */
function usePreviewUrl(value: PhotoChoice): string | null {
  const blob = value.kind === 'new' ? value.blob : null
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    if (!blob) {
      setUrl(null)
      return
    }
    const objectUrl = URL.createObjectURL(blob)
    setUrl(objectUrl)
    return () => URL.revokeObjectURL(objectUrl)
  }, [blob])
  return value.kind === 'kept' ? value.src : url
}
