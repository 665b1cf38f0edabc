import { useI18n } from '../i18n/I18nProvider'

/**
 * What a panel shows while its code is still on the way (lazyPart): a small notice floating over
 * the page, so a tap on a weak connection is seen to do something and nothing underneath moves.
 */
export function PartLoading() {
  const { t } = useI18n()
  return (
    <p className="part-loading" role="status" data-testid="part-loading">
      {t.app.loading}
    </p>
  )
}
