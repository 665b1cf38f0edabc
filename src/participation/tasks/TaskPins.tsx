/**
 * The tasks on the canvas (the participation layer, over the plan): a pin per task at its place and
 * a marker per progress photo, following the camera. A tap opens the task in the Tasks tab.
 */
import { useEditor, useValue } from 'tldraw'
import { useParticipationState } from '../ParticipationContext'
import { focusTask } from './taskFocus'
import { TaskPhotoMarker, TaskPin } from './TaskPin'
import { TASK_CULL_PX } from './taskPinLayout'
import './tasks.css'

export function TaskPins() {
  const editor = useEditor()
  const { participation } = useParticipationState()
  const tasks = participation?.tasks
  const placed = useValue(
    'cg task pins',
    () => {
      if (!tasks?.length) return []
      const { w, h } = editor.getViewportScreenBounds()
      const on = (p: { x: number; y: number }) => p.x > -TASK_CULL_PX && p.y > -TASK_CULL_PX && p.x < w + TASK_CULL_PX && p.y < h + TASK_CULL_PX
      return tasks.map((task, i) => ({
        task, n: i + 1, at: editor.pageToViewport(task),
        photos: task.photos.map((p) => ({ id: p.id, at: editor.pageToViewport(p) })).filter((p) => on(p.at)),
      })).filter((p) => on(p.at) || p.photos.length > 0)
    },
    [editor, tasks],
  )
  if (placed.length === 0) return null
  return (
    <div className="cg-task-pins" data-testid="task-pins">
      {placed.map(({ task, photos }) => photos.map((p) => (
        <TaskPhotoMarker key={p.id} x={p.at.x} y={p.at.y} onOpen={() => focusTask(task.id)} />
      )))}
      {placed.map(({ task, n, at }) => <TaskPin key={task.id} task={task} n={n} x={at.x} y={at.y} onOpen={() => focusTask(task.id)} />)}
    </div>
  )
}
