/**
 * The task list (docs/api.md, "Tasks"; rules in docs/permissions.md): the organizer turns the agreed
 * option into tasks (方案定稿 and 实施落实, manageTasks); in 实施落实 whoever follows the work records
 * status changes, delays with their reason, and progress photos placed on the plan (reportProgress);
 * residents and the committee answer 认可 / 不认可 for each finished task, one answer per person,
 * changeable (acceptTask); the committee may enter a resident's answer for her (代录, proxyEntry).
 */
import { COORDINATE_MAX, type ParticipationResponse } from '../../src/shared/participation.js'
import {
  isDueDate, TASK_COMMENT_MAX, TASK_DESCRIPTION_MAX, TASK_NEEDS_MAX, TASK_PHOTOS_MAX, TASK_REASON_MAX,
  TASK_RESPONSIBLE_MAX, TASK_STATUSES, TASK_TITLE_MAX, TASKS_MAX, type TaskStatus,
} from '../../src/shared/tasks.js'
import type { RequestField } from '../../src/shared/errorCodes.js'
import { personLabel } from '../../src/shared/identity.js'
import { can } from '../../src/shared/workflow.js'
import { newId } from '../workflow/Workflow.js'
import { changed, type ActionDeps } from './actionDeps.js'
import { requireAction, requireParticipant, STAGE_NAMES, type Caller } from './caller.js'
import { idList, isId, number, oneOf, pathId, text, type Body, type BodyReader } from './participationInput.js'
import { notFound, ParticipationError } from './ParticipationError.js'
import type { TaskEdit, TaskRecord } from './taskStore.js'

const taskNotFound = notFound('task_not_found', 'task')

function dueDate(body: Body, key: RequestField): string {
  const v = body[key]
  if (!isDueDate(v)) throw new ParticipationError(400, `invalid_${key}`, `"${key}" must be a date written YYYY-MM-DD (for example 2027-05-01).`)
  return v
}

function coordinate(body: Body, key: 'x' | 'y'): number {
  return number(body, key, { min: -COORDINATE_MAX, max: COORDINATE_MAX })
}

export class TaskActions {
  constructor(private readonly deps: ActionDeps) {}

  private get tasks() {
    return this.deps.participation.tasks
  }

  /** Security: a task id from another project (or made up) is simply not found here. */
  private find(c: Caller, id: string | undefined): TaskRecord {
    const task = this.tasks.get(c.project.id, pathId(id, taskNotFound))
    if (!task) throw taskNotFound()
    return task
  }

  /** The needs a task answers: needs of this very project (ids from elsewhere are refused, not stored). */
  private needIds(c: Caller, body: Body): string[] {
    if (body.needIds === undefined) return []
    const ids = idList(body, 'needIds', 0, TASK_NEEDS_MAX)
    for (const id of ids) {
      if (!this.deps.participation.needs.get(c.project.id, id)) {
        throw new ParticipationError(400, 'invalid_needIds', '"needIds" must be ids of this project\'s needs; reload to see the current list.')
      }
    }
    return ids
  }

  async create(c: Caller, input: BodyReader): Promise<ParticipationResponse & { id: string }> {
    requireAction(c, 'manageTasks', 'make tasks')
    const body = await input()
    const now = Date.now()
    const task: TaskRecord = {
      id: newId(), projectId: c.project.id,
      title: text(body, 'title', TASK_TITLE_MAX, true),
      description: text(body, 'description', TASK_DESCRIPTION_MAX, false, true),
      x: coordinate(body, 'x'), y: coordinate(body, 'y'),
      responsible: text(body, 'responsible', TASK_RESPONSIBLE_MAX, true),
      due: dueDate(body, 'due'),
      status: 'notStarted', needIds: this.needIds(c, body),
      author: c.actor, createdAt: now, updatedAt: now, deletedAt: null,
    }
    if (!this.tasks.insert(task, TASKS_MAX)) {
      throw new ParticipationError(409, 'too_many_tasks', `A project can have at most ${TASKS_MAX} tasks; join small ones together.`)
    }
    return changed(this.deps.participation, c, { id: task.id })
  }

  async edit(c: Caller, taskId: string | undefined, input: BodyReader): Promise<ParticipationResponse> {
    requireAction(c, 'manageTasks', 'change tasks')
    const task = this.find(c, taskId)
    const body = await input()
    const edit: TaskEdit = {}
    if (body.title !== undefined) edit.title = text(body, 'title', TASK_TITLE_MAX, true)
    if (body.description !== undefined) edit.description = text(body, 'description', TASK_DESCRIPTION_MAX, false, true)
    if (body.x !== undefined || body.y !== undefined) {
      edit.x = coordinate(body, 'x')
      edit.y = coordinate(body, 'y')
    }
    if (body.responsible !== undefined) edit.responsible = text(body, 'responsible', TASK_RESPONSIBLE_MAX, true)
    if (body.due !== undefined) edit.due = dueDate(body, 'due')
    if (body.needIds !== undefined) edit.needIds = this.needIds(c, body)
    this.tasks.update(task, edit, Date.now())
    return changed(this.deps.participation, c)
  }

  remove(c: Caller, taskId: string | undefined): ParticipationResponse {
    requireAction(c, 'manageTasks', 'remove tasks')
    const task = this.find(c, taskId)
    this.tasks.remove(task.id, Date.now())
    return changed(this.deps.participation, c)
  }

  async setStatus(c: Caller, taskId: string | undefined, input: BodyReader): Promise<ParticipationResponse> {
    requireAction(c, 'reportProgress', 'change a task\'s progress')
    const task = this.find(c, taskId)
    const body = await input()
    const status: TaskStatus = oneOf(body, 'status', TASK_STATUSES)
    const delayed = status === 'delayed'
    // 延期 must say why (the residents and the town's task force read it); the other statuses may.
    const reason = text(body, 'reason', TASK_REASON_MAX, delayed, true)
    const due = delayed && body.due !== undefined ? dueDate(body, 'due') : null
    if (!delayed && body.due !== undefined) {
      throw new ParticipationError(400, 'invalid_due', '"due" is the new date of a delay; to change the plan\'s date, edit the task.')
    }
    // A second delay (with a new reason or date) is news; the same plain status twice is not.
    if (status === task.status && !delayed) {
      throw new ParticipationError(409, 'status_unchanged', 'The task already has this status; reload to see its history.')
    }
    const ok = this.tasks.setStatus(task, task.status, {
      id: newId(), taskId: task.id, status, reason, due, by: c.actor, at: Date.now(),
    })
    if (!ok) throw new ParticipationError(409, 'task_changed', 'Someone changed this task at the same moment; reload and look again.')
    return changed(this.deps.participation, c)
  }

  async addPhoto(c: Caller, taskId: string | undefined, input: BodyReader): Promise<ParticipationResponse & { id: string }> {
    requireAction(c, 'reportProgress', 'add progress photos')
    const task = this.find(c, taskId)
    const body = await input()
    const src = body.src
    // Security: only an image this server stored for this project (as a need's photo).
    const problem = await this.deps.storedImage(src, 'src', c.project.id)
    if (problem !== null || typeof src !== 'string') throw new ParticipationError(400, 'invalid_src', problem ?? '"src" must be the address of an uploaded image.')
    const photo = { id: newId(), taskId: task.id, src, x: coordinate(body, 'x'), y: coordinate(body, 'y'), by: c.actor, at: Date.now() }
    if (!this.tasks.addPhoto(photo, TASK_PHOTOS_MAX)) {
      throw new ParticipationError(409, 'too_many_photos', `A task can have at most ${TASK_PHOTOS_MAX} photos.`)
    }
    return changed(this.deps.participation, c, { id: photo.id })
  }

  /** 认可 / 不认可: one answer per person per task, replaced by a second one. */
  async accept(c: Caller, taskId: string | undefined, input: BodyReader): Promise<ParticipationResponse> {
    requireAction(c, 'acceptTask', 'accept tasks')
    const me = requireParticipant(c)
    const task = this.find(c, taskId)
    // Only what is finished can be judged; a task reopened after answers keeps them (they are history).
    if (task.status !== 'done') throw new ParticipationError(409, 'task_not_done', 'This task is not finished yet; it can be accepted once it is marked finished.')
    const body = await input()
    const accepted = body.accepted
    if (typeof accepted !== 'boolean') throw new ParticipationError(400, 'invalid_accepted', '"accepted" must be true (认可) or false (不认可).')
    const comment = text(body, 'comment', TASK_COMMENT_MAX, false, true)
    // Her own answer replaces one the committee entered for her (enteredBy null again).
    this.tasks.setAcceptance({ taskId: task.id, participantId: me.id, name: c.actor.name, role: c.link.role, accepted, comment, at: Date.now(), enteredBy: null })
    return changed(this.deps.participation, c)
  }

  /**
   * 代录: a committee member (or the organizer) enters the answer of a resident without a phone,
   * recorded under her (she counts once, and her own answer later replaces it) with who entered it.
   * Security: only for a resident of this project, only what she could do herself now.
   */
  async acceptFor(c: Caller, taskId: string | undefined, input: BodyReader): Promise<ParticipationResponse> {
    requireAction(c, 'proxyEntry', 'enter an answer for a resident')
    requireParticipant(c)
    if (!can('resident', c.stage, 'acceptTask')) {
      throw new ParticipationError(403, 'wrong_stage', `Residents cannot accept tasks in the "${STAGE_NAMES[c.stage]}" stage, so nobody can enter that for them now.`)
    }
    const task = this.find(c, taskId)
    if (task.status !== 'done') throw new ParticipationError(409, 'task_not_done', 'This task is not finished yet; it can be accepted once it is marked finished.')
    const body = await input()
    const id = body.residentId
    if (!isId(id)) throw new ParticipationError(400, 'invalid_residentId', '"residentId" must be the id of a resident from the list of people.')
    const p = this.deps.workflow.getParticipant(c.project.id, id)
    if (!p) throw new ParticipationError(404, 'participant_not_found', 'This project has no such person; reload the list of people.')
    if (p.role !== 'resident') throw new ParticipationError(403, 'not_a_resident', `${personLabel(p)} is not a resident; only residents can have things entered for them.`)
    const accepted = body.accepted
    if (typeof accepted !== 'boolean') throw new ParticipationError(400, 'invalid_accepted', '"accepted" must be true (认可) or false (不认可).')
    const comment = text(body, 'comment', TASK_COMMENT_MAX, false, true)
    this.tasks.setAcceptance({
      taskId: task.id, participantId: p.id, name: personLabel(p), role: 'resident', accepted, comment, at: Date.now(), enteredBy: c.actor.name,
    })
    return changed(this.deps.participation, c)
  }

  withdrawAcceptance(c: Caller, taskId: string | undefined): ParticipationResponse {
    requireAction(c, 'acceptTask', 'accept tasks')
    const me = requireParticipant(c)
    const task = this.find(c, taskId)
    if (!this.tasks.removeAcceptance(task.id, me.id)) {
      throw new ParticipationError(409, 'status_unchanged', 'You have not answered for this task; nothing to take back.')
    }
    return changed(this.deps.participation, c)
  }
}
