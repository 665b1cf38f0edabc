/**
 * Where a board's task pins and progress-photo markers go on a phone's plan, and what a pin says:
 * pure, so the light view (src/lightView/LightTaskPins.tsx) and the boot view (src/app/bootView.ts),
 * which paints before React is there, place and word them the same — the light view replaces the
 * boot view with no jump.
 */
import { isLate, localDay, type Task, type TaskStatus } from '../../shared/tasks'

/** How far outside the screen a pin may stand and still be drawn (its body reaches in). */
export const TASK_CULL_PX = 80

export interface PlacedTaskPins {
  /** Every photo marker on screen, in task order (drawn first: the pins go over them). */
  photos: { taskId: string; id: string; x: number; y: number }[]
  /** Every task pin on screen, numbered by its place in the list (1-based, as the Tasks tab numbers them). */
  pins: { task: Task; n: number; x: number; y: number }[]
}

export function placeTaskPins(tasks: readonly Task[], camera: { x: number; y: number; z: number }, width: number, height: number): PlacedTaskPins {
  const at = (p: { x: number; y: number }) => ({ x: (p.x + camera.x) * camera.z, y: (p.y + camera.y) * camera.z })
  const on = (p: { x: number; y: number }) => p.x > -TASK_CULL_PX && p.y > -TASK_CULL_PX && p.x < width + TASK_CULL_PX && p.y < height + TASK_CULL_PX
  return {
    photos: tasks.flatMap((task) => task.photos.map((p) => ({ taskId: task.id, id: p.id, ...at(p) })).filter(on)),
    pins: tasks.map((task, i) => ({ task, n: i + 1, ...at(task) })).filter(on),
  }
}

/**
 * What a pin says and how it is coloured: its status, or 已超期 when it is past its due date and not
 * done (a task marked 延期 says so itself).
 */
export function taskPinStatus(task: Task, words: { late: string; status: Record<TaskStatus, string> }, today = localDay()): { overdue: boolean; text: string } {
  const overdue = task.status !== 'delayed' && isLate(task, today)
  return { overdue, text: overdue ? words.late : words.status[task.status] }
}
