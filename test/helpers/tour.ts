/**
 * A realistic project to look at: a site plan, needs of several people pinned on it, two design
 * options, comments and an open vote — and a way to open it as any of its people on a given screen,
 * without going through the join page each time (the device is given the person's access as the
 * join page would leave it). Used by the layout test (every control of every view reachable) and by
 * `npm run bench -- screens` (the screenshots in docs/screens/).
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { addNeed, openRoom, type Person, type Room } from '../server/participationTestKit.js'
import { uploadAsset } from '../server/workflowTestKit.js'
import { storedDoc, waitFor } from '../server/syncTestKit.js'
import { openRecordedPage, type RecordedPage } from './browser.js'
import { planPng } from './png.js'
import type { TestServer } from './startTestServer.js'
import type { Stage } from '../../src/shared/workflow.js'

export const STAGES: readonly Stage[] = ['organize', 'needs', 'siteVisit', 'negotiate', 'agreed', 'implement']

export interface Screen {
  name: string
  options: BrowserContextOptions
  /** 大字 mode (large text) switched on before the page opens. */
  largeText?: boolean
}

export const SCREENS: Record<string, Screen> = {
  phoneSmall: { name: '360×640', options: { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
  phone: { name: '390×844', options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
  laptop: { name: '1366×768', options: { viewport: { width: 1366, height: 768 } } },
  projector: { name: '1920×1080', options: { viewport: { width: 1920, height: 1080 } } },
}

export const PLAN = { width: 1600, height: 1000 }

export interface Tour {
  room: Room
  projectId: string
  /** The people of the project, by role, each with a personal token. */
  people: Record<'organizer' | 'expert' | 'committee' | 'resident', Person>
  needIds: string[]
  optionIds: string[]
  /** Moves the project to `stage` (and, at negotiate, opens a vote; at agreed, confirms option A). */
  moveTo(stage: Stage): Promise<void>
  /** Opens the project board as `who` on a fresh device with `screen`, and waits until it is live. */
  open(browser: Browser, who: Person, screen: Screen): Promise<RecordedPage>
  /**
   * Opens the project board as `who` on a fresh device and returns as soon as it has navigated (on a
   * phone, the light view is on its way); `prepare` runs before the navigation (routes, listeners).
   */
  visit(browser: Browser, who: Person, screen: Screen, prepare?: (page: Page) => Promise<void>, waitUntil?: 'load' | 'commit'): Promise<RecordedPage>
}

const NEEDS: Array<{ text: string; categoryId: string; x: number; y: number }> = [
  { text: '长椅不够，老人没处歇脚', categoryId: 'seating', x: 420, y: 300 },
  { text: '晚上太黑，需要路灯', categoryId: 'lighting', x: 1150, y: 760 },
  { text: '孩子们想要一个沙坑', categoryId: 'play', x: 260, y: 620 },
  { text: '台阶太高，轮椅上不去', categoryId: 'accessibility', x: 560, y: 470 },
  { text: '多种些树，夏天有树荫', categoryId: 'greenery', x: 700, y: 200 },
  { text: '电动车乱停，堵住通道', categoryId: 'traffic', x: 1400, y: 480 },
]

async function ok(answer: Promise<{ status: number; body: Record<string, unknown> }>): Promise<Record<string, unknown>> {
  const res = await answer
  if (res.status !== 200 && res.status !== 201) throw new Error(`tour: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
}

/**
 * Sets the project up to the needs stage's content (base plan on the board, needs and ticks); the
 * options, comments and vote are added as `moveTo` passes the stages that make them.
 */
export async function startTour(server: TestServer, browser: Browser): Promise<Tour> {
  const room = await openRoom(server)
  const projectId = room.project.projectId
  const extra = await room.join(room.resident.linkToken, '刘𠮷', 'resident')
  const upload = await ok(uploadAsset(server.url, projectId, planPng(PLAN.width, PLAN.height), room.organizer.token))
  await ok(room.call(room.organizer, 'PUT', '/base-plan', { src: upload.src, width: PLAN.width, height: PLAN.height }))
  await ok(room.call(room.organizer, 'PUT', '/scale', { metresPerUnit: 0.04 }))

  let agreed = false
  const tour: Tour = {
    room,
    projectId,
    people: { organizer: room.organizer, expert: room.expert, committee: room.committee, resident: room.resident },
    needIds: [],
    optionIds: [],
    async moveTo(stage) {
      const order = STAGES.indexOf(stage)
      if (order >= STAGES.indexOf('needs') && tour.needIds.length === 0) {
        await room.moveTo('needs')
        const authors = [room.resident, extra, room.committee, room.resident, room.expert, extra]
        for (const [i, need] of NEEDS.entries()) tour.needIds.push(await addNeed(room, authors[i], need.text, need))
        for (const who of [room.committee, room.expert, extra]) await ok(room.call(who, 'POST', `/needs/${tour.needIds[0]}/tick`))
        await ok(room.call(room.resident, 'POST', `/needs/${tour.needIds[1]}/tick`))
      }
      if (order >= STAGES.indexOf('siteVisit') && tour.optionIds.length === 0) {
        await room.moveTo('siteVisit')
        for (const [title, needs] of [['方案 A：树下座椅', [0, 3, 4]], ['方案 B：环形步道与路灯', [1, 5]]] as const) {
          const made = await ok(room.call(room.expert, 'POST', '/options', {
            title, description: '保留现有大树，沿步道增加座椅和照明。', addressedNeedIds: needs.map((i) => tour.needIds[i]),
          }))
          tour.optionIds.push(made.id as string)
        }
        // Options made through the API have no frame yet: the expert saves each once in the options
        // panel, which draws its frame over a copy of the plan (src/participation/options/OptionForm.tsx).
        const exp = await tour.open(browser, room.expert, SCREENS.laptop)
        await exp.page.getByTestId('participation-panel').waitFor()
        if ((await exp.page.getByTestId('tab-options').count()) === 0) await exp.page.getByTestId('participation-toggle').click()
        await exp.page.getByTestId('tab-options').click()
        for (const id of tour.optionIds) {
          await exp.page.locator(`[data-testid="option-item"][data-option-id="${id}"]`).getByTestId('option-edit').click()
          await exp.page.getByTestId('option-save').click()
          await exp.page.getByTestId('option-form').waitFor({ state: 'detached', timeout: 20_000 })
        }
        // Until the server has the frames (the drawing is synced, the option saved).
        for (let i = 0; i < 100; i++) {
          const state = await room.state(room.organizer)
          if (tour.optionIds.every((id) => state.options.find((o) => o.id === id)?.frameShapeId)) break
          await new Promise((r) => setTimeout(r, 200))
        }
        await exp.page.waitForTimeout(1000)
        await exp.context.close()
      }
      if (order >= STAGES.indexOf('negotiate')) {
        const before = (await room.state(room.organizer)).votes.length
        await room.moveTo('negotiate')
        if (before === 0) {
          await ok(room.call(room.resident, 'POST', '/comments', { target: { kind: 'option', id: tour.optionIds[0] }, text: '座椅能不能放在树荫下？' }))
          await ok(room.call(room.organizer, 'POST', '/votes', { optionIds: tour.optionIds, mode: 'single' }))
        }
      }
      // Agreed once (the layout test visits Agreed and then Implementation, one after the other).
      if (order >= STAGES.indexOf('agreed') && !agreed) {
        agreed = true
        const state = await room.state(room.organizer)
        const open = state.votes.find((v) => v.closedAt === null)
        if (open) await ok(room.call(room.organizer, 'POST', `/votes/${open.id}/close`))
        await ok(room.call(room.organizer, 'PUT', '/quorum', { approvals: 1 }))
        await ok(room.call(room.committee, 'POST', '/approvals', { optionId: tour.optionIds[0] }))
        await ok(room.call(room.organizer, 'POST', '/agreement', { optionId: tour.optionIds[0] }))
      }
      if (stage === 'agreed') return
      if (stage === 'implement') {
        // 实施落实: two tasks of the agreed option, one of them finished and accepted by a resident.
        const made = []
        for (const [title, x, y] of [['树下安装座椅', 300, 300], ['步道加装路灯', 900, 500]] as const) {
          made.push((await ok(room.call(room.organizer, 'POST', '/tasks', {
            title, description: '按定稿方案施工。', x, y, responsible: '街道城建科', due: '2027-05-01', needIds: [],
          }))).id as string)
        }
        await ok(room.call(room.organizer, 'POST', '/stage', { from: 'agreed', to: 'implement' }))
        await ok(room.call(room.organizer, 'POST', `/tasks/${made[0]}/status`, { status: 'done' }))
        await ok(room.call(room.resident, 'PUT', `/tasks/${made[0]}/acceptance`, { accepted: true, comment: '座椅很结实' }))
        return
      }
      await room.moveTo(stage as Exclude<Stage, 'agreed' | 'implement'>)
    },
    async visit(b, who, screen, prepare, waitUntil = 'load') {
      const recorded = await openRecordedPage(b, screen.options)
      await giveAccess(recorded.page, projectId, who, screen.largeText === true)
      await prepare?.(recorded.page)
      await recorded.page.goto(`${server.url}/p/${projectId}`, { waitUntil })
      return recorded
    },
    async open(b, who, screen) {
      const recorded = await tour.visit(b, who, screen)
      await recorded.page.locator('.board:not(.cg-light) [data-testid="connection-status"][data-status="connected"]').waitFor({ timeout: 60_000 })
      // A phone opens on the light view: what a tour does next is done in the editor.
      await recorded.page.getByTestId('light-board').waitFor({ state: 'detached', timeout: 60_000 })
      return recorded
    },
  }

  // The organizer's client puts the base plan on the board (src/measure/useBasePlan.ts).
  const org = await tour.open(browser, room.organizer, SCREENS.laptop)
  await org.page.locator('.tl-image').first().waitFor({ timeout: 30_000 })
  // Until the server has stored it: the page can draw the shape before its update has left on the
  // socket (tldraw flushes store listeners once a frame), and a device closed at that moment takes
  // the update with it; every later page of the tour would have no plan (phoneBoard timed out
  // waiting for it on a loaded CI host, most likely so: it did not fail again with this wait).
  await waitFor(async () => {
    const { doc } = await storedDoc(server.running.storage, projectId)
    return doc.getArray<{ key: string }>('records').toArray().some((e) => e.key === 'shape:baseplan')
  }, 'the base plan stored on the server', 30_000)
  await org.context.close()
  return tour
}

/** What the join page leaves on a device: the access entry (personal token) and the person's name. */
export async function giveAccess(page: Page, projectId: string, who: Person, largeText: boolean): Promise<void> {
  const entry = {
    projectId, token: who.token, linkToken: who.linkToken, role: who.role, projectName: '学林苑中心花园',
    name: who.name, unit: '', participantId: who.participantId, joinedAt: Date.now(), lastOpened: Date.now(),
  }
  await page.addInitScript(([access, name, large]) => {
    localStorage.setItem('commonground.projectAccess', access)
    localStorage.setItem('commonground.participant', JSON.stringify({ id: 'tour' + Math.random().toString(36).slice(2, 12), name, color: '#1971c2' }))
    if (large) localStorage.setItem('commonground.largeText', 'on')
  }, [JSON.stringify([entry]), who.name, largeText] as const)
}
