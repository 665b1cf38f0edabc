/**
 * The 公示 button of the stage bar's tools, for the organizer and the committee from 方案定稿 on:
 * it says how many public comments wait for an answer, and opens the notice panel (NoticeDialog,
 * its code fetched when first opened).
 */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { seesHidden } from '../shared/moderation'
import type { ProjectState } from '../shared/projectApi'
import { STAGES } from '../shared/workflow'
import { PartLoading } from '../ui/PartLoading'
import { getNoticeState } from './noticeClient'

const NoticeDialog = lazy(() => import('./NoticeDialog').then((m) => ({ default: m.NoticeDialog })))

/** How often the count of unanswered comments is asked for while the board is open. */
const POLL_MS = 60_000

interface NoticeToolProps {
  projectId: string
  token: string
  state: Pick<ProjectState, 'role' | 'stage'>
}

export function NoticeTool({ projectId, token, state }: NoticeToolProps) {
  const { t, lang } = useI18n()
  const [open, setOpen] = useState(false)
  const [unanswered, setUnanswered] = useState(0)
  const shown = seesHidden(state.role) && STAGES.indexOf(state.stage) >= STAGES.indexOf('agreed')

  const refresh = useCallback(() => {
    getNoticeState({ projectId, token }, { t, lang }).then(
      (s) => setUnanswered(s.notices.at(-1)?.unanswered ?? 0),
      () => undefined,
    )
  }, [lang, projectId, t, token])
  useEffect(() => {
    if (!shown) return
    refresh()
    const timer = setInterval(refresh, POLL_MS)
    return () => clearInterval(timer)
  }, [refresh, shown])

  if (!shown) return null
  return (
    <>
      <button type="button" className="button wf-tool" data-testid="open-notice" title={t.notice.toolLabel} onClick={() => setOpen(true)}>
        {unanswered > 0 ? format(t.notice.toolUnanswered, { count: unanswered }) : t.notice.tool}
      </button>
      {open && (
        <Suspense fallback={<PartLoading />}>
          <NoticeDialog
            projectId={projectId}
            token={token}
            role={state.role}
            stage={state.stage}
            onChange={(s) => setUnanswered(s.notices.at(-1)?.unanswered ?? 0)}
            onClose={() => setOpen(false)}
          />
        </Suspense>
      )}
    </>
  )
}
