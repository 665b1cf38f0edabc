import { DefaultToolbar, DefaultToolbarContent } from 'tldraw'
import { MeasureToolbarItems } from '../measure/editor'
import { useProjectUi } from './ProjectUiContext'

/**
 * tldraw's toolbar on a project board: the measure tools first (everyone may measure, also in a
 * stage where they may not draw; tldraw then hides its own drawing tools by itself), then tldraw's.
 */
export function ProjectToolbar() {
  const project = useProjectUi()
  return (
    <DefaultToolbar>
      <MeasureToolbarItems isOrganizer={project?.role === 'organizer'} />
      <DefaultToolbarContent />
    </DefaultToolbar>
  )
}
