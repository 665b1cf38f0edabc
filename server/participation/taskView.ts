/**
 * The task list as one viewer sees it (ParticipationState.tasks): each task with its history, photos
 * and the 认可 / 不认可 count. Who said what is shown by name to the organizer and the committee only
 * (they follow up with the person); everyone else reads the comments without names, so a resident
 * can say 不认可 without being pointed at. A public document (the report) carries no names either.
 */
import type { Task } from '../../src/shared/tasks.js'
import type { Viewer } from './moderatedView.js'
import type { AcceptanceRecord, TaskEventRecord, TaskPhotoRecord, TaskRecord } from './taskStore.js'

/** A project's stored task list, read once (Participation.load). */
export interface ProjectTasks {
  tasks: TaskRecord[]
  events: TaskEventRecord[]
  photos: TaskPhotoRecord[]
  acceptances: AcceptanceRecord[]
}

export const NO_TASKS: ProjectTasks = { tasks: [], events: [], photos: [], acceptances: [] }

function byTask<T extends { taskId: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const item of items) {
    const list = map.get(item.taskId)
    if (list) list.push(item)
    else map.set(item.taskId, [item])
  }
  return map
}

export function tasksFor(data: ProjectTasks, viewer: Viewer): Task[] {
  const seesNames = (viewer.role === 'organizer' || viewer.role === 'committee') && !viewer.publicDocument
  const events = byTask(data.events)
  const photos = byTask(data.photos)
  const acceptances = byTask(data.acceptances)
  return data.tasks.map((t) => {
    const history = events.get(t.id) ?? []
    // A task reopened after it was finished is judged afresh when it is finished again: only answers
    // given since its latest finishing count (and none while it is not finished). Earlier answers stay
    // stored (the archive keeps them); a person's new answer replaces her earlier one.
    const finishedAt = t.status === 'done' ? Math.max(-Infinity, ...history.filter((e) => e.status === 'done').map((e) => e.at)) : Infinity
    const answers = (acceptances.get(t.id) ?? []).filter((a) => a.at >= finishedAt)
    const mine = viewer.participantId === null ? undefined : answers.find((a) => a.participantId === viewer.participantId)
    return {
      id: t.id, title: t.title, description: t.description, x: t.x, y: t.y, responsible: t.responsible, due: t.due,
      status: t.status, needIds: t.needIds, author: t.author, createdAt: t.createdAt, updatedAt: t.updatedAt,
      history: history.map(({ taskId: _, ...e }) => e),
      photos: (photos.get(t.id) ?? []).map(({ taskId: _, ...p }) => p),
      accepted: answers.filter((a) => a.accepted).length,
      notAccepted: answers.filter((a) => !a.accepted).length,
      verdicts: answers.map((a) => ({
        accepted: a.accepted, comment: a.comment, name: seesNames ? a.name : null, role: a.role, at: a.at, enteredBy: seesNames ? a.enteredBy : null,
      })),
      mine: mine ? { accepted: mine.accepted, comment: mine.comment, enteredBy: mine.enteredBy } : null,
    }
  })
}
