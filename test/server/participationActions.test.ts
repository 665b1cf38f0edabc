/**
 * The participation rules without HTTP: ParticipationActions driven directly, on the server's SQLite
 * database in a temp data dir, as a second entry point (a bus, a CLI, an import) would drive it. The HTTP routes are
 * covered by the participation*.test.ts files; these check that the rules live in the service.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Role, Stage } from '../../src/shared/workflow.js'
import { Facilitation } from '../../server/participation/Facilitation.js'
import { Participation } from '../../server/participation/Participation.js'
import { callerOf, ParticipationActions, ParticipationError, type Body, type Caller } from '../../server/participation/ParticipationActions.js'
import { openSqliteStorage, type SqliteStorage } from '../../server/storage/SqliteStorage.js'
import { SqliteProjectStore } from '../../server/workflow/SqliteProjectStore.js'
import type { LinkRecord } from '../../server/workflow/ProjectStore.js'
import { Workflow } from '../../server/workflow/Workflow.js'

const STAGE_ORDER: Stage[] = ['organize', 'needs', 'siteVisit', 'negotiate', 'agreed']
const PROJECT = 'svcTestProject000000001'

interface World {
  storage: SqliteStorage
  dataDir: string
  workflow: Workflow
  participation: Participation
  actions: ParticipationActions
  links: Record<Role, { link: LinkRecord; token: string }>
  /** A person who joined through the role's link: their caller as of the project's stage now. */
  person(role: Role, name: string): () => Caller
  /** The role link itself, with no person (a shared QR code). */
  bareLink(role: Role): Caller
  moveTo(stage: Stage): Promise<void>
}

function input(body: Body): () => Promise<Body> {
  return () => Promise.resolve(body)
}

/** The refusal an action throws, or a failed test if it does not refuse. */
async function refusal(action: () => unknown): Promise<{ status: number; code: string; message: string }> {
  try {
    await action()
  } catch (err) {
    expect(err).toBeInstanceOf(ParticipationError)
    const { status, code, message } = err as ParticipationError
    return { status, code, message }
  }
  throw new Error('the action was not refused')
}

async function openWorld(): Promise<World> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-participation-'))
  // The same database the server opens: the workflow's and participation's tables sit beside the boards.
  const storage = openSqliteStorage(dataDir)
  const db = storage.database
  const workflow = new Workflow(new SqliteProjectStore(db))
  const participation = new Participation(db)
  const actions = new ParticipationActions({
    workflow, participation, facilitation: new Facilitation(),
    storedImage: (src) => Promise.resolve(src === `/api/boards/${PROJECT}/assets/${'a'.repeat(64)}.png` ? null : 'not stored here'),
  })
  // As POST /api/projects does: the board first, then the project on it.
  await storage.createBoard({ id: PROJECT, name: '小区花园', createdAt: Date.now() })
  const { token: organizerToken } = workflow.createProject({ id: PROJECT, name: '小区花园', site: '', area: '', brief: '' })
  const organizerLink = workflow.authenticate(PROJECT, organizerToken)
  if (!organizerLink.ok) throw new Error(organizerLink.message)
  const links = { organizer: { link: organizerLink.link, token: organizerToken } } as World['links']
  for (const role of ['expert', 'committee', 'resident'] as const) links[role] = workflow.createLink(PROJECT, role, { label: '', expiresAt: null })
  const callerFor = (token: string): Caller => {
    const access = workflow.authenticate(PROJECT, token)
    if (!access.ok) throw new Error(access.message)
    return callerOf(access)
  }
  let stage: Stage = 'organize'
  return {
    storage, dataDir, workflow, participation, actions, links,
    person(role, name) {
      const joined = workflow.identity.join({ link: links[role].link, participant: null }, name, '', { newPerson: false, joinKey: null })
      if (!joined.ok) throw new Error(joined.message)
      return () => callerFor(joined.token)
    },
    bareLink: (role) => callerFor(links[role].token),
    async moveTo(to) {
      while (stage !== to) {
        const next = STAGE_ORDER[STAGE_ORDER.indexOf(stage) + 1]
        const moved = await workflow.moveStage(PROJECT, links.organizer.link, stage, next, '王老师')
        if (!moved.ok) throw new Error(moved.message)
        stage = next
      }
    },
  }
}

describe('participation rules (the service, without HTTP)', () => {
  let w: World
  beforeEach(async () => { w = await openWorld() })
  afterEach(async () => {
    await w.storage.close()
    fs.rmSync(w.dataDir, { recursive: true, force: true })
  })

  const needAt = (categoryId: string, text = '需要更多长椅') => input({ x: 10, y: 20, categoryId, text })
  const firstCategory = () => w.participation.categories.list(PROJECT)[0].id

  it('lets a resident raise a need once needs are collected, records it and tells the streams', async () => {
    const resident = w.person('resident', '王阿姨')
    await w.moveTo('needs')
    const told: string[] = []
    w.participation.subscribe((projectId) => told.push(projectId))

    const answer = await w.actions.needs.raise(resident(), needAt(firstCategory()))

    expect(answer.id).toEqual(expect.any(String))
    expect(answer.participation.needs).toEqual([expect.objectContaining({ id: answer.id, text: '需要更多长椅', stage: 'needs' })])
    expect(told).toEqual([PROJECT])
    expect(w.workflow.dashboard(PROJECT).countsByStage.needs.needs).toBe(1)
  })

  it('refuses a need in a stage the role may not add one, before reading the input', async () => {
    const resident = w.person('resident', '王阿姨')
    let read = false
    const refused = await refusal(() => w.actions.needs.raise(resident(), () => { read = true; return Promise.resolve({}) }))
    expect(refused).toEqual({ status: 403, code: 'wrong_stage', message: expect.stringContaining('a resident can in: Collect needs') })
    expect(read).toBe(false)
    expect(w.participation.needs.list(PROJECT)).toEqual([])
  })

  it('refuses a need from a shared role link that does not say who is acting', async () => {
    await w.moveTo('needs')
    expect(await refusal(() => w.actions.needs.raise(w.bareLink('resident'), needAt(firstCategory()))))
      .toMatchObject({ status: 403, code: 'join_first' })
  })

  it('checks the input: a photo must be stored for the project, text has a length limit', async () => {
    const resident = w.person('resident', '王阿姨')
    await w.moveTo('needs')
    expect(await refusal(() => w.actions.needs.raise(resident(), input({ x: 0, y: 0, categoryId: firstCategory(), text: 'x', photoSrc: 'https://elsewhere.example/p.png' }))))
      .toEqual({ status: 400, code: 'invalid_photoSrc', message: 'not stored here' })
    expect(await refusal(() => w.actions.needs.raise(resident(), input({ x: 0, y: 0, categoryId: firstCategory(), text: '长'.repeat(10_000) }))))
      .toMatchObject({ status: 400, code: 'invalid_text' })
    const stored = `/api/boards/${PROJECT}/assets/${'a'.repeat(64)}.png`
    const answer = await w.actions.needs.raise(resident(), input({ x: 0, y: 0, categoryId: firstCategory(), text: '照片', photoSrc: stored }))
    expect(answer.participation.needs[0]).toMatchObject({ photoSrc: stored })
  })

  it('counts a tick once per person', async () => {
    const resident = w.person('resident', '王阿姨')
    const neighbour = w.person('resident', '李叔叔')
    await w.moveTo('needs')
    const { id } = await w.actions.needs.raise(resident(), needAt(firstCategory()))

    // Raising a need is its author's own tick.
    expect(await refusal(() => w.actions.needs.tick(resident(), id)))
      .toEqual({ status: 409, code: 'already_ticked', message: 'You have already ticked this need; each person ticks a need once.' })
    const answer = w.actions.needs.tick(neighbour(), id)
    expect(answer.participation.needs[0]).toMatchObject({ ticks: 2 })
    expect(await refusal(() => w.actions.needs.tick(neighbour(), id))).toMatchObject({ status: 409, code: 'already_ticked' })
    expect(w.participation.needs.ticks(PROJECT)).toHaveLength(2)
    expect(await refusal(() => w.actions.needs.tick(resident(), 'no-such-need'))).toMatchObject({ status: 404, code: 'need_not_found' })
  })

  it('lets only the need\'s author or the committee edit it', async () => {
    const resident = w.person('resident', '王阿姨')
    const neighbour = w.person('resident', '李叔叔')
    const committee = w.person('committee', '刘主任')
    await w.moveTo('needs')
    const { id } = await w.actions.needs.raise(resident(), needAt(firstCategory()))
    expect(await refusal(() => w.actions.needs.edit(neighbour(), id, input({ text: '改了' }))))
      .toMatchObject({ status: 403, code: 'not_allowed' })
    await w.actions.needs.edit(committee(), id, input({ text: '改了' }))
    expect(w.participation.needs.get(PROJECT, id as string)?.text).toBe('改了')
  })

  it('refuses an action a role never has, and the organizer\'s own actions to others', async () => {
    const resident = w.person('resident', '王阿姨')
    await w.moveTo('negotiate')
    expect(await refusal(() => w.actions.votes.open(resident(), input({}))))
      .toMatchObject({ status: 403, code: 'not_allowed', message: expect.stringContaining('only organizer links can') })
    expect(await refusal(() => w.actions.agreement.setQuorum(resident(), input({ approvals: 1 }))))
      .toEqual({ status: 403, code: 'not_allowed', message: 'Only the organizer can set the quorum; use the organizer link.' })
  })

  it('takes one ballot per person while a vote is open, and none once it is closed', async () => {
    const organizer = w.person('organizer', '王老师')
    const expert = w.person('expert', '陈设计师')
    const resident = w.person('resident', '王阿姨')
    const neighbour = w.person('resident', '李叔叔')
    await w.moveTo('siteVisit')
    const a = (await w.actions.options.create(expert(), input({ title: '方案 A' }))).id as string
    const b = (await w.actions.options.create(expert(), input({ title: '方案 B' }))).id as string
    await w.moveTo('negotiate')
    const vote = (await w.actions.votes.open(organizer(), input({ optionIds: [a, b], mode: 'single' }))).id as string

    const cast = await w.actions.votes.cast(resident(), vote, input({ optionId: a }))
    expect(cast.ballot).toEqual({ [a]: 1 })
    expect(await refusal(() => w.actions.votes.cast(resident(), vote, input({ optionId: b }))))
      .toMatchObject({ status: 409, code: 'already_voted' })
    expect(await refusal(() => w.actions.votes.cast(neighbour(), vote, input({ points: { [a]: 1, [b]: 1 } }))))
      .toMatchObject({ status: 400, code: 'invalid_ballot' })

    w.actions.votes.close(organizer(), vote)
    expect(await refusal(() => w.actions.votes.cast(neighbour(), vote, input({ optionId: b }))))
      .toEqual({ status: 409, code: 'vote_closed', message: 'This vote is closed; ballots are no longer accepted.' })
    expect(await refusal(() => w.actions.votes.close(organizer(), vote))).toMatchObject({ status: 409, code: 'vote_closed' })
    expect(w.participation.votes.ballots(PROJECT)).toHaveLength(1)
  })

  it('confirms an option only with the quorum of approvals, and moves the project to Agreed', async () => {
    const organizer = w.person('organizer', '王老师')
    const expert = w.person('expert', '陈设计师')
    const committee = w.person('committee', '刘主任')
    await w.moveTo('siteVisit')
    const option = (await w.actions.options.create(expert(), input({ title: '方案 A' }))).id as string
    await w.moveTo('negotiate')
    expect(await refusal(() => w.actions.agreement.confirm(organizer(), input({ optionId: option }))))
      .toMatchObject({ status: 409, code: 'quorum_not_set' })
    await w.actions.agreement.setQuorum(organizer(), input({ approvals: 1 }))
    expect(await refusal(() => w.actions.agreement.confirm(organizer(), input({ optionId: option }))))
      .toMatchObject({ status: 409, code: 'quorum_not_reached' })
    await w.actions.agreement.approve(committee(), input({ optionId: option }))

    await w.actions.agreement.confirm(organizer(), input({ optionId: option }))

    expect(w.workflow.stageOf(PROJECT)).toBe('agreed')
    expect(w.participation.agreements.agreements(PROJECT)).toEqual([expect.objectContaining({ optionId: option })])
  })
})
