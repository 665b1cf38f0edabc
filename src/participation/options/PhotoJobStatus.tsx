/** Progress of the current photo upload ("正在上传 3/12"), then what was placed and what failed, and why. */
import { useEditor, useValue } from 'tldraw'
import { ApiRequestError } from '../../net/api'
import { useI18n } from '../../i18n/I18nProvider'
import { format, type Strings } from '../../i18n/lang'
import { photoJob, type PhotoFailure } from './sitePhotos'

function failureText(f: PhotoFailure, t: Strings, lang: string): string {
  switch (f.kind) {
    case 'unreadable':
      return t.options.failUnreadable
    case 'tooLarge':
      return t.options.failTooLarge
    case 'notNow':
      return t.options.failNotNow
    case 'upload':
      return format(t.options.failUpload, {
        reason: f.error instanceof ApiRequestError ? f.error.describe(t, lang) : t.upload.failed,
      })
  }
}

export function PhotoJobStatus() {
  const editor = useEditor()
  const { t, lang } = useI18n()
  const state = photoJob(editor)
  const job = useValue(state)
  if (!job) return null
  return (
    <div className="cg-options__job" data-testid="photo-job" data-finished={job.finished}>
      {job.finished ? (
        <p role="status" data-testid="photo-done">
          {format(t.options.uploaded, { placed: job.placed })}
        </p>
      ) : (
        <p role="status" data-testid="photo-progress">
          {format(t.options.uploading, { done: Math.min(job.done + 1, job.total), total: job.total })}
        </p>
      )}
      {job.failures.length > 0 && (
        <div className="field-error" role="alert">
          <p className="cg-options__fail-title">{t.options.failedTitle}</p>
          <ul className="cg-options__fails">
            {job.failures.map((f, i) => (
              <li key={i} data-testid="photo-failure">
                <strong>{f.name}</strong> {failureText(f, t, lang)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {job.finished && (
        <button type="button" className="button" data-testid="photo-dismiss" onClick={() => state.set(null)}>
          {t.options.dismiss}
        </button>
      )}
    </div>
  )
}
