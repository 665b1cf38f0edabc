/**
 * "Show me this task": a tap on a task's pin on the plan asks the Tasks tab to open and bring the
 * task's card into view. The canvas layer and the side panel are separate React trees under tldraw
 * (and the light view is a third), so they meet here. One board per page: a module-level channel.
 */
import { useSyncExternalStore } from 'react'

export interface TaskFocus {
  taskId: string
  /** Grows with every request, so asking twice for the same task scrolls to it again. */
  seq: number
}

let current: TaskFocus | null = null
const listeners = new Set<(focus: TaskFocus) => void>()

export function focusTask(taskId: string): void {
  current = { taskId, seq: (current?.seq ?? 0) + 1 }
  for (const listener of listeners) listener(current)
}

export function onTaskFocus(listener: (focus: TaskFocus) => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

const subscribe = (notify: () => void) => onTaskFocus(notify)
const read = () => current

export function useTaskFocus(): TaskFocus | null {
  return useSyncExternalStore(subscribe, read)
}
