/**
 * A project whose every free-text field holds a script payload, seeded through the real API: the
 * project's name, site, area and brief, link labels, participant names and a unit, category labels,
 * needs, options, comment threads and replies, revision requests and answers, votes with named
 * ballots, an agreement and its reopening reason, stage moves by a hostile name, and a meeting timer.
 * Some texts start with = + - @ so the spreadsheets' formula guard is exercised too.
 */
import { api, createLink, type ApiAnswer, type TestProject } from '../server/workflowTestKit.js'

/** Classic payloads: each would run (or load `x`) if it reached the page as HTML. */
export const PAYLOADS = {
  img: '<img src=x onerror="window.__xss=1">',
  script: '<script>window.__xss=1</script>',
  svg: '"><svg onload=window.__xss=1>',
  js: 'javascript:window.__xss=1',
} as const

const { img, script, svg, js } = PAYLOADS

/** Every text the seed stores, by field (each within the server's length limits). */
export const TEXT = {
  projectName: `${img} 花园`,
  site: `${svg} 3 号楼`,
  area: script,
  brief: `${js}\n${img}`,
  residentLabel: img,
  expertLabel: script,
  committeeLabel: svg,
  organizerName: img,
  residentName: `${svg}李`,
  residentUnit: script,
  expertName: `${script}张`,
  committeeName: js,
  categoryZh: svg,
  categoryEn: img,
  need: `${img} ${script}`,
  needFormula: '=HYPERLINK("http://x/","点我")',
  needPlus: `+1 ${svg}`,
  needMinus: `-2 ${js}`,
  needAt: `@SUM(1) ${img}`,
  optionA: `${img} 甲`,
  optionB: script,
  optionDescription: `${script}\n${svg}\n${js}`,
  threadOnNeed: `${svg} ${img}`,
  replyOnNeed: script,
  threadOnOption: `@${js}`,
  replyOnOption: `-${img}`,
  revision: `${img} 改一下`,
  revisionAnswer: `${svg} 好的`,
  reopenReason: `${script} ${img}`,
  timerLabel: img,
} as const

export interface XssSeed {
  project: TestProject
  /** The join paths (`/join/<id>#<token>`) a browser opens, by role. */
  joinPath: { organizer: string; resident: string }
  needIds: string[]
  optionIds: [string, string]
  /** The organizer's personal token (exports, reads). */
  organizerToken: string
}

async function ok(what: string, answer: Promise<ApiAnswer>): Promise<Record<string, unknown>> {
  const res = await answer
  if (res.status !== 200 && res.status !== 201) throw new Error(`seed: ${what}: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
}

/** Seeds the project up to Negotiate (through Agreed and a reopening), with a second vote open. */
export async function seedXssProject(url: string): Promise<XssSeed> {
  const created = await ok('create project', api(url, 'POST', '/api/projects', {
    body: { name: TEXT.projectName, site: TEXT.site, area: TEXT.area, brief: TEXT.brief },
  }))
  const project: TestProject = { projectId: created.projectId as string, organizerToken: created.organizerToken as string }
  const base = `/api/projects/${project.projectId}`
  const call = (token: string, method: string, path: string, body?: unknown) => api(url, method, base + path, { token, body })

  const links = {
    resident: await createLink(url, project, 'resident', { label: TEXT.residentLabel }),
    expert: await createLink(url, project, 'expert', { label: TEXT.expertLabel }),
    committee: await createLink(url, project, 'committee', { label: TEXT.committeeLabel }),
  }
  const join = async (linkToken: string, name: string, unit?: string) =>
    (await ok(`join ${name}`, call(linkToken, 'POST', '/participants', { name, ...(unit !== undefined && { unit }) }))).token as string
  const organizer = await join(project.organizerToken, TEXT.organizerName)
  const resident = await join(links.resident.token, TEXT.residentName, TEXT.residentUnit)
  const expert = await join(links.expert.token, TEXT.expertName)
  const committee = await join(links.committee.token, TEXT.committeeName)

  let stage = 'organize'
  // With the organizer's personal token the move is recorded under its (hostile) name.
  const moveTo = async (to: string) => {
    await ok(`move ${stage} → ${to}`, call(organizer, 'POST', '/stage', { from: stage, to, byName: TEXT.organizerName }))
    stage = to
  }

  const before = await ok('participation', call(organizer, 'GET', '/participation'))
  const categories = (before.categories as Array<{ id: string; zh: string; en: string; hidden: boolean }>).map(({ id, zh, en, hidden }) => ({ id, zh, en, hidden }))
  const after = await ok('categories', call(organizer, 'PUT', '/categories', { categories: [...categories, { zh: TEXT.categoryZh, en: TEXT.categoryEn }] }))
  const categoryId = ((after.participation as { categories: Array<{ id: string; zh: string }> }).categories.find((c) => c.zh === TEXT.categoryZh))!.id

  await moveTo('needs')
  const needIds: string[] = []
  const addNeed = async (token: string, text: string, x: number, extra: Record<string, unknown> = {}) => {
    needIds.push((await ok(`need ${text}`, call(token, 'POST', '/needs', { x, y: 150, categoryId, text, ...extra }))).id as string)
  }
  await addNeed(resident, TEXT.need, 100)
  await addNeed(resident, TEXT.needFormula, 220)
  await addNeed(committee, TEXT.needPlus, 340, { source: 'meeting', raisedBy: 2 })
  await addNeed(committee, TEXT.needMinus, 460, { categoryId: 'other' })
  await addNeed(expert, TEXT.needAt, 580)
  await ok('tick', call(committee, 'POST', `/needs/${needIds[0]}/tick`))

  await moveTo('siteVisit')
  const optionA = (await ok('option A', call(expert, 'POST', '/options', { title: TEXT.optionA, description: TEXT.optionDescription, addressedNeedIds: needIds.slice(0, 3) }))).id as string
  const optionB = (await ok('option B', call(expert, 'POST', '/options', { title: TEXT.optionB, description: TEXT.optionDescription, addressedNeedIds: needIds.slice(3) }))).id as string

  await moveTo('negotiate')
  const t1 = await ok('thread on need', call(resident, 'POST', '/comments', { target: { kind: 'need', id: needIds[0] }, text: TEXT.threadOnNeed, mentions: ['committee'] }))
  await ok('reply on need', call(expert, 'POST', `/comments/${t1.id as string}/replies`, { text: TEXT.replyOnNeed }))
  const t2 = await ok('thread on option', call(committee, 'POST', '/comments', { target: { kind: 'option', id: optionA }, text: TEXT.threadOnOption }))
  await ok('reply on option', call(organizer, 'POST', `/comments/${t2.id as string}/replies`, { text: TEXT.replyOnOption, mentions: ['expert'] }))
  const revision = await ok('revision', call(resident, 'POST', `/options/${optionA}/revisions`, { text: TEXT.revision }))
  await ok('revision answer', call(expert, 'POST', `/revisions/${revision.id as string}/answers`, { text: TEXT.revisionAnswer }))

  const vote = await ok('vote', call(organizer, 'POST', '/votes', { optionIds: [optionA, optionB], mode: 'single' }))
  await ok('ballot resident', call(resident, 'POST', `/votes/${vote.id as string}/ballot`, { optionId: optionA }))
  await ok('ballot committee', call(committee, 'POST', `/votes/${vote.id as string}/ballot`, { optionId: optionB }))
  await ok('close vote', call(organizer, 'POST', `/votes/${vote.id as string}/close`))
  await ok('quorum', call(organizer, 'PUT', '/quorum', { approvals: 1 }))
  await ok('approve', call(committee, 'POST', '/approvals', { optionId: optionA }))
  await ok('agreement', call(organizer, 'POST', '/agreement', { optionId: optionA }))
  stage = 'agreed'
  await ok('reopen', call(organizer, 'POST', '/agreement/reopen', { reason: TEXT.reopenReason }))
  stage = 'negotiate'
  // A second, named dots vote stays open: residents see the ballot with the option titles.
  const open = await ok('second vote', call(organizer, 'POST', '/votes', { optionIds: [optionA, optionB], mode: 'dots', dotsPerPerson: 3 }))
  await ok('ballot expert', call(expert, 'POST', `/votes/${open.id as string}/ballot`, { points: { [optionA]: 2, [optionB]: 1 } }))
  await ok('approve again', call(committee, 'POST', '/approvals', { optionId: optionB }))
  await ok('timer', call(organizer, 'PUT', '/facilitation/timer', { seconds: 1800, label: TEXT.timerLabel }))

  return {
    project,
    joinPath: {
      organizer: `/join/${project.projectId}#${project.organizerToken}`,
      resident: `/join/${project.projectId}#${links.resident.token}`,
    },
    needIds,
    optionIds: [optionA, optionB],
    organizerToken: organizer,
  }
}
