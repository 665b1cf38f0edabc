import { useEffect, useState } from 'react'
import { boardPath, Link } from '../ui/router'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { forgetBoard, loadRecentBoards, subscribeRecentBoards } from '../board'

export function RecentBoardList() {
  const { t, lang } = useI18n()
  const [boards, setBoards] = useState(loadRecentBoards)

  useEffect(() => subscribeRecentBoards(() => setBoards(loadRecentBoards())), [])

  const dateFormat = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' })

  return (
    <section className="card recent-boards" aria-labelledby="recent-boards-title">
      <h2 id="recent-boards-title">{t.home.recentTitle}</h2>
      {boards.length === 0 ? (
        <p className="recent-boards__empty">{t.home.recentEmpty}</p>
      ) : (
        <>
          <ul className="recent-boards__list">
            {boards.map((board) => (
              <li key={board.id} className="recent-boards__item">
                <Link href={boardPath(board.id)} className="recent-boards__link" data-testid="recent-board">
                  <span className="recent-boards__name">{board.name || t.board.untitled}</span>
                  <span className="recent-boards__time">
                    {format(t.home.lastOpened, { time: dateFormat.format(board.lastOpened) })}
                  </span>
                </Link>
                <button
                  type="button"
                  className="button recent-boards__remove"
                  aria-label={format(t.home.removeLabel, { name: board.name || t.board.untitled })}
                  onClick={() => setBoards(forgetBoard(board.id))}
                >
                  {t.home.remove}
                </button>
              </li>
            ))}
          </ul>
          <p className="recent-boards__hint">{t.home.recentHint}</p>
        </>
      )}
    </section>
  )
}
