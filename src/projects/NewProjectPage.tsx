/**
 * /new — create a co-design project: name, site, residential area, brief and an optional base plan.
 * Creating runs in two steps (create the project, then upload and set the base plan). Once the first
 * step succeeded the project exists and its organizer link is saved on this device, so a failure of
 * the second step never loses it: the page says so and offers to retry or to go into the project.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useClientConfig } from '../net/clientConfig'
import { Link, navigate, projectPath } from '../ui/router'
import { getParticipant } from '../board'
import { useI18n } from '../i18n/I18nProvider'
import { LangSwitch } from '../i18n/LangSwitch'
import { format } from '../i18n/lang'
import { DEFAULT_MAX_UPLOAD_BYTES } from '../shared/assets'
import { BasePlanField, type PlanWithPreview } from './BasePlanField'
import { planFailureText, uploadBasePlan } from './basePlanFile'
import { createProject } from './projectClient'
import { saveAccess } from './projectAccess'
import {
  apiFailureText,
  fieldProblem,
  PROJECT_AREA_MAX,
  PROJECT_BRIEF_MAX,
  PROJECT_NAME_MAX,
  PROJECT_SITE_MAX,
  type ErrorText,
} from './projectFields'
import { TextField } from './TextField'
import { createProjectIn, getWorkspaceAccess } from './workspaceAccess'
import './projects.css'

type FieldKey = 'name' | 'site' | 'area' | 'brief'
type Phase = 'form' | 'creating' | 'uploading' | 'planFailed'

const FIELD_ORDER: FieldKey[] = ['name', 'site', 'area', 'brief']

/** `/new?workspace=<id>` from a workspace's manage tab: made inside it, with the manager link this device holds. */
function workspaceOfPage(): { id: string; token: string; name: string } | null {
  const id = new URLSearchParams(window.location.search).get('workspace')
  const access = id ? getWorkspaceAccess(id) : undefined
  return id && access?.role === 'manager' ? { id, token: access.token, name: access.name } : null
}

export function NewProjectPage() {
  const { t, lang } = useI18n()
  const maxBytes = useClientConfig()?.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES
  const [values, setValues] = useState<Record<FieldKey, string>>({ name: '', site: '', area: '', brief: '' })
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldKey, ErrorText>>>({})
  const [plan, setPlanState] = useState<PlanWithPreview | null>(null)
  const [planError, setPlanError] = useState<ErrorText | null>(null)
  const [error, setError] = useState<ErrorText | null>(null)
  const [phase, setPhase] = useState<Phase>('form')
  const [workspace] = useState(workspaceOfPage)
  /** Set once the server made the project: from then on only the base plan step is retried. */
  const [created, setCreated] = useState<{ projectId: string; token: string } | null>(null)
  const inputs = useRef<Partial<Record<FieldKey, HTMLInputElement | HTMLTextAreaElement | null>>>({})
  const planRef = useRef(plan)
  // Why: the requests outlive the page if the person leaves it; then they must not be sent elsewhere.
  const alive = useRef(true)

  useEffect(() => {
    document.title = `${t.projects.newTitle} · 共绘`
  }, [t])

  useEffect(() => {
    alive.current = true
    return () => {
      alive.current = false
      if (planRef.current) URL.revokeObjectURL(planRef.current.previewUrl)
    }
  }, [])

  const setPlan = (next: PlanWithPreview | null) => {
    if (plan && plan.previewUrl !== next?.previewUrl) URL.revokeObjectURL(plan.previewUrl)
    planRef.current = next
    setPlanState(next)
  }

  const setField = (key: FieldKey, value: string) => {
    setValues((v) => ({ ...v, [key]: value }))
    if (fieldErrors[key]) setFieldErrors((e) => ({ ...e, [key]: undefined }))
    if (error) setError(null)
  }

  const busy = phase === 'creating' || phase === 'uploading'

  const enterProject = (projectId: string) => {
    // Replace: "Back" from the board goes home, not to a form that was already sent.
    if (alive.current) navigate(projectPath(projectId), { replace: true })
  }

  const sendPlan = async (target: { projectId: string; token: string }) => {
    const chosen = planRef.current
    if (!chosen) {
      enterProject(target.projectId)
      return
    }
    setPhase('uploading')
    setError(null)
    try {
      await uploadBasePlan(target.projectId, target.token, chosen, { t, lang })
      enterProject(target.projectId)
    } catch (err) {
      if (!alive.current) return
      setError(() => planFailureText(err, maxBytes))
      setPhase('planFailed')
    }
  }

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy) return
    if (created) {
      await sendPlan(created)
      return
    }
    const limits: Record<FieldKey, [number, boolean]> = {
      name: [PROJECT_NAME_MAX, true],
      site: [PROJECT_SITE_MAX, true],
      area: [PROJECT_AREA_MAX, true],
      brief: [PROJECT_BRIEF_MAX, false],
    }
    const problems: Partial<Record<FieldKey, ErrorText>> = {}
    for (const key of FIELD_ORDER) {
      const problem = fieldProblem(values[key], limits[key][0], limits[key][1])
      if (problem) problems[key] = problem
    }
    setFieldErrors(problems)
    const first = FIELD_ORDER.find((k) => problems[k])
    if (first) {
      inputs.current[first]?.focus()
      return
    }
    if (planError) {
      // A refused image is not silently left out: the person chooses another or "no base plan".
      document.querySelector('[data-testid="project-baseplan-error"]')?.scrollIntoView({ block: 'center' })
      return
    }

    setPhase('creating')
    setError(null)
    let target: { projectId: string; token: string }
    try {
      const fields = { name: values.name.trim(), site: values.site.trim(), area: values.area.trim(), brief: values.brief.trim() }
      const res = workspace ? await createProjectIn(workspace.id, workspace.token, fields, { t, lang }) : await createProject(fields, { t, lang })
      target = { projectId: res.projectId, token: res.organizerToken }
    } catch (err) {
      if (!alive.current) return
      setError(() => apiFailureText(err))
      setPhase('form')
      return
    }
    // Saved before anything else can fail: this is the only copy of the organizer link.
    const now = Date.now()
    saveAccess({
      projectId: target.projectId,
      token: target.token,
      role: 'organizer',
      projectName: values.name.trim(),
      name: getParticipant().name ?? '',
      unit: '',
      participantId: null,
      joinedAt: now,
      lastOpened: now,
    })
    if (!alive.current) return
    setCreated(target)
    await sendPlan(target)
  }

  const err = (key: FieldKey) => fieldErrors[key]?.(t, lang) ?? null
  const fieldRef = (key: FieldKey) => (el: HTMLInputElement | HTMLTextAreaElement | null) => {
    inputs.current[key] = el
  }
  const locked = busy || created !== null

  return (
    <div className="project-page">
      <header className="project-page__header">
        <Link href="/" className="button project-page__home">{t.app.backHome}</Link>
        <LangSwitch />
      </header>
      <main className="card project-form">
        <h1>{t.projects.newTitle}</h1>
        <p className="project-form__intro">{t.projects.newIntro}</p>
        {workspace && <p className="project-form__intro" data-testid="project-workspace">{format(t.workspace.newProjectFor, { name: workspace.name })}</p>}
        <form onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
          <TextField
            label={t.projects.nameLabel}
            testId="project-name"
            value={values.name}
            onChange={(v) => setField('name', v)}
            placeholder={t.projects.namePlaceholder}
            error={err('name')}
            disabled={locked}
            inputRef={fieldRef('name')}
          />
          <TextField
            label={t.projects.siteLabel}
            testId="project-site"
            value={values.site}
            onChange={(v) => setField('site', v)}
            placeholder={t.projects.sitePlaceholder}
            error={err('site')}
            disabled={locked}
            inputRef={fieldRef('site')}
          />
          <TextField
            label={t.projects.areaLabel}
            testId="project-area"
            value={values.area}
            onChange={(v) => setField('area', v)}
            placeholder={t.projects.areaPlaceholder}
            error={err('area')}
            disabled={locked}
            inputRef={fieldRef('area')}
          />
          <TextField
            label={t.projects.briefLabel}
            testId="project-brief"
            value={values.brief}
            onChange={(v) => setField('brief', v)}
            placeholder={t.projects.briefPlaceholder}
            error={err('brief')}
            disabled={locked}
            multiline
            inputRef={fieldRef('brief')}
          />
          <BasePlanField
            plan={plan}
            onPlan={(p) => {
              setPlan(p)
              if (phase !== 'planFailed') setError(null)
            }}
            error={planError}
            onError={(e) => setPlanError(() => e)}
            maxBytes={maxBytes}
            disabled={busy}
          />

          {phase === 'planFailed' && created && error ? (
            <div className="project-form__failed" role="alert" data-testid="project-error" data-phase="plan">
              <p className="project-form__failed-text">{format(t.projects.planFailed, { reason: error(t, lang) })}</p>
              <p className="project-form__hint">{t.projects.planFailedHint}</p>
              <div className="project-form__actions">
                <button type="submit" className="button button--primary" data-testid="project-plan-retry" disabled={!plan || planError !== null}>
                  {t.projects.retryPlan}
                </button>
                <button type="button" className="button" data-testid="project-enter" onClick={() => enterProject(created.projectId)}>
                  {t.projects.enterAnyway}
                </button>
              </div>
            </div>
          ) : (
            <>
              {error && (
                <p className="field-error" role="alert" data-testid="project-error">{error(t, lang)}</p>
              )}
              <p className="project-form__hint">{t.projects.keptHint}</p>
              <div className="project-form__actions">
                <button type="submit" className="button button--primary project-form__submit" data-testid="project-create" disabled={busy}>
                  {phase === 'creating' ? t.projects.creating : phase === 'uploading' ? t.projects.uploadingPlan : t.projects.create}
                </button>
              </div>
            </>
          )}
          <p className="visually-hidden" aria-live="polite">
            {phase === 'creating' ? t.projects.creating : phase === 'uploading' ? t.projects.uploadingPlan : ''}
          </p>
        </form>
      </main>
    </div>
  )
}
