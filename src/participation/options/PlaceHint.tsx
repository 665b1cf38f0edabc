/**
 * "Tap the place on the plan": the hint shown in the panel while the next tap on the canvas is
 * awaited. The panel shows only this while waiting, so on a phone the bottom sheet is short and
 * most of the plan is free to pan, zoom and tap.
 */
import { useEffect, useRef } from 'react'
import { useEditor, type VecLike } from 'tldraw'
import { useI18n } from '../../i18n/I18nProvider'
import { pickPlace } from './pickPlace'
import { visibleCenter } from './zoomToVisible'

interface PlaceHintProps {
  testId: string
  text: string
  onPick: (page: VecLike) => void
  onCancel: () => void
  /** Offer "put it in the middle of the view" for people who cannot find the spot. */
  allowInView?: boolean
}

export function PlaceHint({ testId, text, onPick, onCancel, allowInView }: PlaceHintProps) {
  const editor = useEditor()
  const { t } = useI18n()
  // The latest callback, so a re-render does not restart the wait (and lose a tap in between).
  const pick = useRef(onPick)
  useEffect(() => {
    pick.current = onPick
  }, [onPick])
  // Lifecycle: the listener lives exactly as long as the hint is shown; leaving the tab or
  // cancelling stops it, so a later tap never places anything unexpectedly.
  useEffect(() => pickPlace(editor, (p) => pick.current(p)), [editor])

  return (
    <div className="cg-options__hint" role="status" data-testid={testId}>
      <p className="cg-options__hint-text">{text}</p>
      <div className="cg-options__row">
        {allowInView && (
          <button type="button" className="button" data-testid="place-in-view" onClick={() => onPick(visibleCenter(editor))}>
            {t.options.placeInView}
          </button>
        )}
        <button type="button" className="button" data-testid="place-cancel" onClick={onCancel}>
          {t.options.cancel}
        </button>
      </div>
    </div>
  )
}
