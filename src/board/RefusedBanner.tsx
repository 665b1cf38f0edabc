import { isRefusalCode } from '../shared/boardRules'
import { useI18n } from '../i18n/I18nProvider'

/**
 * The server did not accept a change of this person (docs/protocol.md, "Refused updates"). The board
 * is already back as everyone sees it; this says why, in plain words, until it is closed.
 * `role="alert"`: the change the person just made has disappeared, they must learn why at once.
 */
export function RefusedBanner({ code, onClose }: { code: string; onClose: () => void }) {
  const { t } = useI18n()
  const text = isRefusalCode(code) ? t.board.refused[code] : t.board.refused.not_board_format
  return (
    <div className="board-banner board-banner--refused" role="alert" data-testid="refused" data-code={code}>
      <span>{text}</span>
      <button type="button" className="board-banner__close" onClick={onClose}>{t.board.refusedClose}</button>
    </div>
  )
}
