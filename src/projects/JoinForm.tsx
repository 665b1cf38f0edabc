import { useRef, useState, type FormEvent } from 'react'
import { ApiRequestError, type ApiErrorCode } from '../net/api'
import { navigate, projectPath } from '../ui/router'
import { cleanName, getParticipant, updateParticipant } from '../board'
import { useI18n } from '../i18n/I18nProvider'
import { LangSwitch } from '../i18n/LangSwitch'
import { format } from '../i18n/lang'
import { mayJoinAsNamesake } from '../shared/identity'
import type { ProjectState } from '../shared/projectApi'
import { joinKeyFor } from './joinKey'
import { joinProject } from './projectClient'
import { accessAfterJoin, linkTokenOf, saveAccess, type ProjectAccess } from './projectAccess'
import { apiFailureText, fieldProblem, JOIN_NAME_MAX, JOIN_UNIT_MAX, type ErrorText } from './projectFields'
import { TextField } from './TextField'

interface JoinFormProps {
  projectId: string
  token: string
  /** The project as the server showed it for this link (its role included). */
  state: ProjectState
  /** This device's earlier link to the same project, if any (a different link). */
  previous: ProjectAccess | undefined
  onOpenPrevious: () => void
  /** The link stopped working between the check and joining (revoked, expired). */
  onRefused: (code: ApiErrorCode) => void
}

/** The project, the person's role in words, and the few fields needed to join. */
export function JoinForm({ projectId, token, state, previous, onOpenPrevious, onRefused }: JoinFormProps) {
  const { t, lang } = useI18n()
  const { project, role } = state
  const [name, setName] = useState(() => getParticipant().name ?? '')
  const [unit, setUnit] = useState('')
  const [nameError, setNameError] = useState<ErrorText | null>(null)
  const [unitError, setUnitError] = useState<ErrorText | null>(null)
  const [error, setError] = useState<ErrorText | null>(null)
  const [busy, setBusy] = useState(false)
  /** The server answered name_taken: say what to do, and (residents, experts) offer to go on as another person. */
  const [taken, setTaken] = useState(false)
  const nameRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null)
  const unitRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null)
  const isResident = role === 'resident'

  const onSubmit = async (event: FormEvent | null, asNewPerson = false) => {
    event?.preventDefault()
    if (busy) return
    const cleanedName = cleanName(name)
    const cleanedUnit = isResident ? cleanName(unit) : ''
    const nameProblem = fieldProblem(cleanedName, JOIN_NAME_MAX, true, (s) => s.projects.nameRequired)
    const unitProblem = fieldProblem(cleanedUnit, JOIN_UNIT_MAX, false)
    setNameError(() => nameProblem)
    setUnitError(() => unitProblem)
    if (nameProblem || unitProblem) {
      ;(nameProblem ? nameRef : unitRef).current?.focus()
      return
    }
    setBusy(true)
    setError(null)
    setTaken(false)
    try {
      const answer = await joinProject(
        projectId,
        token,
        {
          name: cleanedName,
          ...(cleanedUnit && { unit: cleanedUnit }),
          ...(asNewPerson && { newPerson: true }),
          // The same key on every try from this page: a retry after a lost answer is not a second person.
          joinKey: joinKeyFor(`${projectId}\u0000${token}`),
        },
        { t, lang },
      )
      updateParticipant({ name: cleanedName })
      saveAccess(
        accessAfterJoin(
          { projectId, role, projectName: project.name, name: cleanedName, unit: cleanedUnit, lastOpened: Date.now() },
          token,
          answer,
        ),
      )
      // Replace: the history entry with the token in it goes; "Back" from the board goes home.
      navigate(projectPath(projectId), { replace: true })
    } catch (err) {
      setBusy(false)
      if (err instanceof ApiRequestError && err.status === 409 && err.code === 'name_taken') {
        // Someone already goes by this name: never them. Say what to do; the unit (or name) field is next.
        setTaken(true)
        ;(isResident ? unitRef : nameRef).current?.focus()
        return
      }
      if (err instanceof ApiRequestError && (err.code === 'invalid_name' || err.code === 'invalid_unit')) {
        // The server refuses names that could pass for someone else's label (王芳 ②, hidden characters).
        const text: ErrorText = err.code === 'invalid_name' ? (t) => t.identity.invalidName : (t) => t.identity.invalidUnit
        setError(() => text)
        ;(err.code === 'invalid_name' ? nameRef : unitRef).current?.focus()
        return
      }
      if (err instanceof ApiRequestError && err.code && [401, 403, 404].includes(err.status)) {
        onRefused(err.code)
        return
      }
      setError(() => apiFailureText(err))
    }
  }

  const switching = previous !== undefined && linkTokenOf(previous) !== token

  return (
    <div className="project-page">
      <header className="project-page__header project-page__header--end">
        <LangSwitch />
      </header>
      <main className="card project-form join">
        <p className="join__kicker">{t.projects.joinTitle}</p>
        <h1 className="join__name" data-testid="join-project-name">{project.name}</h1>
        <p className="join__site">{format(t.projects.siteLine, { site: project.site, area: project.area })}</p>
        {project.brief && <p className="join__brief">{project.brief}</p>}

        <div className="join__role">
          <span>{t.projects.yourRole}</span>{' '}
          <strong data-testid="join-role" data-role={role}>{t.workflow.roles[role]}</strong>
          <p className="join__role-intro">{t.projects.roleIntro[role]}</p>
        </div>

        {switching && (
          <div className="join__switch" role="note" data-testid="join-switch-notice">
            <p>{format(t.projects.switchNotice, { role: t.workflow.roles[previous.role], newRole: t.workflow.roles[role] })}</p>
            {previous.role === 'organizer' && <p><strong>{t.projects.switchNoticeOrganizer}</strong></p>}
            <button type="button" className="button" data-testid="join-keep-old" onClick={onOpenPrevious}>
              {format(t.projects.keepOld, { role: t.workflow.roles[previous.role] })}
            </button>
          </div>
        )}

        <form onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
          <TextField
            label={t.projects.joinName}
            hint={t.projects.joinNameHint}
            testId="join-name"
            value={name}
            onChange={(v) => {
              setName(v)
              setNameError(null)
              setError(null)
              setTaken(false)
            }}
            placeholder={t.projects.joinNamePlaceholder}
            error={nameError?.(t, lang)}
            disabled={busy}
            autoComplete="nickname"
            inputRef={nameRef}
          />
          {isResident && (
            <TextField
              label={t.projects.joinUnit}
              testId="join-unit"
              value={unit}
              onChange={(v) => {
                setUnit(v)
                setUnitError(null)
                setError(null)
                setTaken(false)
              }}
              placeholder={t.projects.joinUnitPlaceholder}
              error={unitError?.(t, lang)}
              disabled={busy}
              inputRef={unitRef}
            />
          )}
          {taken && (
            <div className="join__taken" role="alert" data-testid="join-name-taken">
              <p className="join__taken-title">{t.identity.nameTakenTitle}</p>
              <p>{role === 'resident' ? t.identity.nameTakenResident : role === 'expert' ? t.identity.nameTakenExpert : t.identity.nameTakenOther}</p>
              {mayJoinAsNamesake(role) && (
                <button type="button" className="button join__taken-new" data-testid="join-as-new" disabled={busy} onClick={() => void onSubmit(null, true)}>
                  {t.identity.joinAsNew}
                </button>
              )}
            </div>
          )}
          {error && <p className="field-error" role="alert" data-testid="join-error">{error(t, lang)}</p>}
          <div className="project-form__actions">
            <button type="submit" className="button button--primary project-form__submit" data-testid="join-submit" disabled={busy}>
              {busy ? t.projects.joining : t.projects.joinSubmit}
            </button>
          </div>
        </form>
      </main>
    </div>
  )
}
