/**
 * Home page: "import project" — pick a full archive (.zip) exported by a CommonGround server, send
 * it to this server, and open the restored project as its organizer. The new organizer token is
 * saved on this device before anything else can fail, as when a project is created.
 */
import { useEffect, useRef, useState, type ChangeEvent } from 'react'
import { ApiRequestError } from '../net/api'
import { navigate, projectPath } from '../ui/router'
import { getParticipant } from '../board'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { getProjectState, saveAccess, touch } from '../projects'
import { importProject } from './exportClient'
import { formatSize } from './exportProblem'
import { looksLikeZip } from './zipFile'
import './export.css'

type Failure = 'notZip' | 'empty' | 'exists' | 'tooLarge' | { reason: string }

export function ImportProjectEntry() {
  const { t, lang } = useI18n()
  const x = t.export
  const [busy, setBusy] = useState<{ name: string; size: number } | null>(null)
  const [failure, setFailure] = useState<Failure | null>(null)
  // Why: the upload outlives the page if the person leaves; then it must not navigate them away.
  const alive = useRef(true)
  useEffect(() => {
    alive.current = true
    return () => {
      alive.current = false
    }
  }, [])

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target
    const file = input.files?.[0]
    // Cleared so choosing the same file again (after fixing something) fires again.
    input.value = ''
    if (!file || busy) return
    setFailure(null)
    if (file.size === 0) return setFailure('empty')
    if (!looksLikeZip(new Uint8Array(await file.slice(0, 4).arrayBuffer()))) return setFailure('notZip')

    setBusy({ name: file.name, size: file.size })
    try {
      const answer = await importProject(file, { t, lang })
      const now = Date.now()
      const fallbackName = file.name.replace(/\.zip$/i, '')
      // Saved first: this is the only copy of the new organizer link.
      saveAccess({
        projectId: answer.projectId,
        token: answer.organizerToken,
        role: 'organizer',
        projectName: fallbackName.slice(0, 200),
        name: getParticipant().name ?? '',
        unit: '',
        participantId: null,
        joinedAt: now,
        lastOpened: now,
      })
      // The project's real name for the home list; the project opens without it if this fails.
      await getProjectState(answer.projectId, answer.organizerToken, { t, lang })
        .then((s) => touch(answer.projectId, { projectName: s.project.name }))
        .catch(() => undefined)
      if (alive.current) navigate(projectPath(answer.projectId))
    } catch (err) {
      if (!alive.current) return
      if (err instanceof ApiRequestError && (err.code === 'project_exists' || err.status === 409)) setFailure('exists')
      else if (err instanceof ApiRequestError && err.status === 413) setFailure('tooLarge')
      else if (err instanceof ApiRequestError && [400, 415, 422].includes(err.status)) {
        // The server says what is wrong with the archive (in English); Chinese readers get our sentence.
        setFailure({ reason: lang === 'en' && err.serverMessage ? err.serverMessage : x.importBad })
      }
      else setFailure({ reason: err instanceof Error ? err.message : String(err) })
    } finally {
      if (alive.current) setBusy(null)
    }
  }

  const message =
    failure === null ? null
    : failure === 'notZip' ? x.importNotZip
    : failure === 'empty' ? x.importEmpty
    : failure === 'exists' ? x.importExists
    : failure === 'tooLarge' ? x.importTooLarge
    : format(x.importFailed, { reason: failure.reason })

  return (
    <section className="card import-entry" aria-labelledby="import-project-title">
      <label className={`button import-entry__button${busy ? ' import-entry__button--busy' : ''}`} id="import-project-title" aria-disabled={busy !== null}>
        {x.importEntry}
        <input
          type="file"
          className="visually-hidden"
          accept=".zip,application/zip,application/x-zip-compressed"
          data-testid="import-project"
          disabled={busy !== null}
          onChange={(e) => void onFile(e)}
        />
      </label>
      <p className="import-entry__hint">{x.importHint}</p>
      {busy && (
        <p className="import-entry__status" role="status" data-testid="import-status">
          {format(x.importing, { file: busy.name, size: formatSize(busy.size) })}
        </p>
      )}
      {message && (
        <p className="field-error" role="alert" data-testid="import-error">{message}</p>
      )}
    </section>
  )
}
