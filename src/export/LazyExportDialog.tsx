/**
 * The export dialog, loaded when first opened (it and the drawing code stay out of the first
 * download). If the code cannot be fetched (offline), a small dialog says so instead of the page
 * falling over.
 */
import { lazy, Suspense, type ComponentProps } from 'react'
import { PartLoading } from '../ui/PartLoading'
import { useI18n } from '../i18n/I18nProvider'
import { Dialog } from '../ui/Dialog'
import type { ExportDialog as ExportDialogType } from './ExportDialog'

type Props = ComponentProps<typeof ExportDialogType>

function LoadFailed({ onClose }: Props) {
  const { t } = useI18n()
  return (
    <Dialog title={t.export.title} testId="export-dialog" onClose={onClose}>
      <p className="field-error" role="alert" data-testid="export-error">{t.errors.network}</p>
    </Dialog>
  )
}

const ExportDialog = lazy(() =>
  import('./ExportDialog').then(
    (m) => ({ default: m.ExportDialog }),
    () => ({ default: LoadFailed }),
  ),
)

export function LazyExportDialog(props: Props) {
  return (
    <Suspense fallback={<PartLoading />}>
      <ExportDialog {...props} />
    </Suspense>
  )
}
