/**
 * The task pins of the light view (实施落实 on a phone before the editor is there): the same pins and
 * photo markers as the editor's (src/participation/tasks/TaskPin.tsx), placed by the light camera.
 * A tap asks for the panel, which opens on the task list in this stage, with the tapped task's card
 * brought into view (taskFocus keeps the request until the Tasks tab is there to read it).
 */
import type { Camera } from '../board'
import type { Task } from '../shared/tasks'
import { focusTask } from '../participation/tasks/taskFocus'
import { TaskPhotoMarker, TaskPin } from '../participation/tasks/TaskPin'
import { placeTaskPins } from '../participation/tasks/taskPinLayout'
import '../participation/tasks/tasks.css'
import type { LightIntent } from './lightSession'

interface LightTaskPinsProps {
  tasks: readonly Task[]
  camera: Camera
  width: number
  height: number
  onIntent: (intent: LightIntent) => void
}

export function LightTaskPins({ tasks, camera, width, height, onIntent }: LightTaskPinsProps) {
  if (tasks.length === 0) return null
  const { photos, pins } = placeTaskPins(tasks, camera, width, height)
  const open = (taskId: string) => {
    focusTask(taskId)
    onIntent({ kind: 'panel' })
  }
  return (
    <div className="cg-task-pins" data-testid="light-task-pins">
      {photos.map((p) => <TaskPhotoMarker key={p.id} x={p.x} y={p.y} onOpen={() => open(p.taskId)} />)}
      {pins.map(({ task, n, x, y }) => <TaskPin key={task.id} task={task} n={n} x={x} y={y} onOpen={() => open(task.id)} />)}
    </div>
  )
}
