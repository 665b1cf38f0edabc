/**
 * A resident's phone shows the board before the editor's code has arrived (the light view,
 * src/lightView) and hands over to the editor without a jump and without losing what she tapped.
 *
 * The editor's code is held back at the network (page.route on its chunk), so each test sees the
 * light view for as long as it needs, then lets the code through and watches the handover.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Page, Route, WebSocketRoute } from 'playwright-core'
import { YKeyValue } from 'y-utility/y-keyvalue'
import { setupTour } from '../helpers/tourE2e.js'
import { SCREENS } from '../helpers/tour.js'
import { noisyJpeg } from '../server/exportTestKit.js'
import { addNeed, openRoom } from '../server/participationTestKit.js'
import { connectClient, destroyAllClients, geoShape, synced, waitFor } from '../server/syncTestKit.js'
import { api, createLink, uploadAsset } from '../server/workflowTestKit.js'
import { findLayoutProblems } from './layoutKit.js'

const light = (page: Page, id: string) => page.locator(`[data-testid="light-board"] [data-testid="${id}"]`)

/** Holds back the project editor's chunk until `release()`; counts the page's WebSockets. */
async function holdEditor(page: Page) {
  const held: Route[] = []
  let released = false
  await page.route(/\/assets\/ProjectBoardEditor-[^/]*\.js$/, (route) => {
    if (released) void route.continue()
    else held.push(route)
  })
  const sockets: string[] = []
  page.on('websocket', (ws) => sockets.push(ws.url()))
  return {
    sockets,
    requested: () => held.length > 0,
    release: async () => {
      released = true
      for (const route of held.splice(0)) await route.continue()
    },
  }
}

/** Needs shown on screen: a pin counts 1, a bubble its members. */
function needsOnScreen(page: Page, scope: string): Promise<number> {
  return page.evaluate((root) => {
    let n = 0
    for (const el of Array.from(document.querySelectorAll(`${root} [data-testid="need-pin"], ${root} [data-testid="need-pin-group"]`))) {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.right < 0 || r.bottom < 0 || r.left > innerWidth || r.top > innerHeight) continue
      n += Number(el.getAttribute('data-need-count') ?? 1)
    }
    return n
  }, scope)
}

async function boxOf(page: Page, selector: string) {
  const box = await page.locator(selector).first().boundingBox()
  if (!box) throw new Error(`${selector} is not on screen`)
  return box
}

function expectSameBox(a: { x: number; y: number; width: number; height: number }, b: typeof a) {
  for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(a[k] - b[k]), k).toBeLessThanOrEqual(1.5)
}

describe('the light view of a project board on a phone', () => {
  const e2e = setupTour()
  afterEach(() => destroyAllClients())

  /** The organizer's own y-websocket client writing tldraw records, as the organizer's editor would. */
  async function organizerBoard() {
    const client = connectClient(e2e.server.syncUrl, e2e.tour.projectId, { token: e2e.tour.people.organizer.token })
    await synced(client)
    const records = new YKeyValue<Record<string, unknown>>(client.doc.getArray('records'))
    const page = [...records.map.values()].map((e) => e.val).find((r) => r.typeName === 'page')
    if (!page) throw new Error('the board has no page')
    return {
      add(id: string, x: number, text: string) {
        records.set(id, { ...geoShape(id, x, text), parentId: page.id, y: 300 })
      },
    }
  }

  it('shows the plan, its shapes and every pin live before the editor comes, on the one connection the editor then takes over', async () => {
    await e2e.tour.moveTo('needs')
    const board = await organizerBoard()
    board.add('shape:lightOne', 200, '沙坑位置')

    let hold!: Awaited<ReturnType<typeof holdEditor>>
    const { page, requests } = await e2e.tour.visit(e2e.browser, e2e.tour.people.resident, SCREENS.phone, async (p) => {
      hold = await holdEditor(p)
    })
    await light(page, 'light-plan').waitFor()
    // The project's state was asked for once: by the page preload script, before the app's code had
    // run, and that answer was the one the page used (src/net/earlyAnswers.ts), not a second request.
    const statePath = `/api/projects/${e2e.tour.projectId}`
    expect(requests.filter((u) => new URL(u).pathname === statePath)).toHaveLength(1)
    expect(await page.evaluate(() => Object.keys((window as unknown as { __cgEarlyAnswers?: object }).__cgEarlyAnswers ?? { missing: 1 }))).toEqual([])
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="light-plan"]')
      return !!img && img.complete && img.naturalWidth > 0
    })
    await light(page, 'connection-status').and(page.locator('[data-status="connected"]')).waitFor({ timeout: 20_000 })
    // The editor's code was asked for once the plan was on screen, and has not come.
    await waitFor(() => hold.requested(), 'the editor chunk requested', 10_000)
    expect(await page.locator('.tl-container').count()).toBe(0)

    // The plan fits the screen; every need is on it; ＋ 提需求 and the stage's guidance are there.
    const view = page.viewportSize()!
    const plan = await boxOf(page, '[data-testid="light-plan"]')
    expect(plan.x).toBeGreaterThanOrEqual(-1)
    expect(plan.x + plan.width).toBeLessThanOrEqual(view.width + 1)
    expect(await needsOnScreen(page, '[data-testid="light-board"]')).toBe(e2e.tour.needIds.length)
    await light(page, 'add-need').waitFor()
    await light(page, 'stage-guidance').waitFor()

    // The shapes as stored, and live: a rectangle drawn now by the organizer shows, a need added now too.
    const shapes = light(page, 'light-shapes')
    await shapes.locator('[data-shape-type="geo"]').first().waitFor()
    expect(await shapes.textContent()).toContain('沙坑位置')
    board.add('shape:lightTwo', 700, '路灯')
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="light-shapes"] [data-shape-type="geo"]').length === 2)
    const added = await addNeed(e2e.tour.room, e2e.tour.people.committee, '门口加一个信箱', { categoryId: 'other', x: 900, y: 500 })
    await page.waitForFunction((id) => !!document.querySelector(`[data-testid="light-board"] [data-need-id="${id}"], [data-testid="light-board"] [data-need-ids~="${id}"]`), added)

    // Let the editor in: the light view goes, the plan stays where it was, on the same WebSocket.
    await hold.release()
    await page.getByTestId('light-board').waitFor({ state: 'detached', timeout: 30_000 })
    expectSameBox(await boxOf(page, '[data-shape-id="shape:baseplan"]'), plan)
    expect(await page.locator('.tl-shape[data-shape-type="geo"]').count()).toBe(2)
    expect(hold.sockets.filter((u) => u.includes('/sync/'))).toHaveLength(1)
    await page.context().close()
  })

  it('keeps what she tapped before the editor came: ＋ 提需求 starts placing a need once it is there', async () => {
    await e2e.tour.moveTo('needs')
    let hold!: Awaited<ReturnType<typeof holdEditor>>
    const { page } = await e2e.tour.visit(e2e.browser, e2e.tour.people.resident, SCREENS.phoneSmall, async (p) => {
      hold = await holdEditor(p)
    })
    await light(page, 'add-need').tap()
    await light(page, 'add-need').and(page.locator('[aria-busy="true"]')).waitFor()
    await hold.release()
    await page.getByTestId('light-board').waitFor({ state: 'detached', timeout: 30_000 })
    await page.getByTestId('need-pick-hint').waitFor({ timeout: 10_000 })
    await page.context().close()
  })

  it('hands her own view over: the plan moved on the light view stays where she put it', async () => {
    await e2e.tour.moveTo('needs')
    let hold!: Awaited<ReturnType<typeof holdEditor>>
    const { page } = await e2e.tour.visit(e2e.browser, e2e.tour.people.resident, SCREENS.phone, async (p) => {
      hold = await holdEditor(p)
    })
    await light(page, 'light-plan').waitFor()
    const before = await boxOf(page, '[data-testid="light-plan"]')
    const view = await boxOf(page, '[data-testid="light-view"]')
    // A drag on an empty part of the plan (between the top buttons and the pins).
    const from = { x: view.x + view.width / 2, y: view.y + 100 }
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await page.mouse.move(from.x - 60, from.y + 90, { steps: 6 })
    await page.mouse.up()
    const moved = await boxOf(page, '[data-testid="light-plan"]')
    expect(Math.round(moved.x - before.x)).toBe(-60)
    expect(Math.round(moved.y - before.y)).toBe(90)
    await hold.release()
    await page.getByTestId('light-board').waitFor({ state: 'detached', timeout: 30_000 })
    expectSameBox(await boxOf(page, '[data-shape-id="shape:baseplan"]'), moved)
    await page.context().close()
  })

  it('puts every control on screen, large enough and uncovered, on a small phone in 大字 mode and a larger one', async () => {
    await e2e.tour.moveTo('needs')
    const { people } = e2e.tour
    for (const [who, screen] of [[people.resident, { ...SCREENS.phoneSmall, largeText: true }], [people.expert, SCREENS.phone], [people.committee, { ...SCREENS.phone, largeText: true }]] as const) {
      let hold!: Awaited<ReturnType<typeof holdEditor>>
      const { page } = await e2e.tour.visit(e2e.browser, who, screen, async (p) => {
        hold = await holdEditor(p)
      })
      await light(page, 'light-plan').waitFor()
      await light(page, 'add-need').waitFor()
      expect(await findLayoutProblems(page, { phone: true, anchoredToo: true }), `${who.role} on ${screen.name}`).toEqual([])
      await hold.release()
      await page.context().close()
    }
  })

  it('draws hostile text in shapes as literal text, runs nothing and loads nothing it names', async () => {
    await e2e.tour.moveTo('needs')
    const board = await organizerBoard()
    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
    board.add('shape:lightHostile', 400, payload)
    let hold!: Awaited<ReturnType<typeof holdEditor>>
    const device = await e2e.tour.visit(e2e.browser, e2e.tour.people.resident, SCREENS.phone, async (p) => {
      hold = await holdEditor(p)
    })
    const { page } = device
    // Wrapped into lines as tldraw wraps it (a line break takes the space it falls on): compared without whitespace.
    await page.waitForFunction((text) => (document.querySelector('[data-testid="light-shapes"]')?.textContent ?? '').replace(/\s+/g, '').includes(text.replace(/\s+/g, '')), payload)
    const found = await page.evaluate(() => {
      const root = document.querySelector('[data-testid="light-board"]')!
      const injected: string[] = []
      for (const el of Array.from(root.querySelectorAll('*'))) {
        for (const a of Array.from(el.attributes)) if (/^on/i.test(a.name)) injected.push(`<${el.tagName} ${a.name}>`)
        if (el.tagName.toLowerCase() === 'img' && el.getAttribute('src') === 'x') injected.push('<img src=x>')
        if (el.tagName.toLowerCase() === 'script') injected.push('<script>')
      }
      return { xss: typeof (window as unknown as { __xss?: unknown }).__xss, injected }
    })
    expect(found).toEqual({ xss: 'undefined', injected: [] })
    expect(device.requests.filter((u) => /\/x$/.test(new URL(u).pathname) || new URL(u).origin !== e2e.server.url)).toEqual([])
    await hold.release()
    await page.context().close()
  })

  it('says so when her link is withdrawn while she is on the light view, as the editor does', async () => {
    await e2e.tour.moveTo('needs')
    const { room } = e2e.tour
    const link = await createLink(e2e.server.url, room.project, 'resident')
    const person = await room.join(link.token, '赵大爷', 'resident')
    let hold!: Awaited<ReturnType<typeof holdEditor>>
    const { page } = await e2e.tour.visit(e2e.browser, person, SCREENS.phone, async (p) => {
      hold = await holdEditor(p)
    })
    await light(page, 'connection-status').and(page.locator('[data-status="connected"]')).waitFor({ timeout: 20_000 })
    const res = await api(e2e.server.url, 'DELETE', `${room.base}/links/${link.linkId}`, { token: room.project.organizerToken })
    expect(res.status).toBe(200)
    await page.locator('[data-testid="project-refused"][data-code="revoked"]').waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('light-board').count()).toBe(0)
    // The editor's code coming later changes nothing: the page stays on the reason.
    await hold.release()
    await page.waitForTimeout(500)
    expect(await page.locator('[data-testid="project-refused"][data-code="revoked"]').count()).toBe(1)
    await page.context().close()
  })

  it('does not start the editor over a board still on its way: its code waits until the shapes are drawn', async () => {
    await e2e.tour.moveTo('needs')
    const board = await organizerBoard()
    board.add('shape:onItsWay', 300, '花坛')
    // The sync socket opens, but what the server sends is held, as a big board's first sync message
    // on a slow line is: longer than both of the editor's fallback waits (2.5 s after the plan, 8 s).
    const fromServer: Array<string | Buffer> = []
    let toPage: ((m: string | Buffer) => void) | null = null
    let socket: WebSocketRoute | null = null
    // Seen as the page's requests, not held with page.route: by now the service worker may be the
    // one fetching the chunk, and page.route does not see what a service worker answers.
    const editorAsked: string[] = []
    const { page } = await e2e.tour.visit(e2e.browser, e2e.tour.people.resident, SCREENS.phone, async (p) => {
      p.on('request', (r) => { if (/\/assets\/ProjectBoardEditor-[^/]*\.js$/.test(r.url())) editorAsked.push(r.url()) })
      await p.routeWebSocket(/\/sync\//, (ws) => {
        socket = ws
        const server = ws.connectToServer()
        server.onMessage((m) => (toPage ? toPage(m) : fromServer.push(m)))
      })
    })
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="light-board"] [data-testid="light-plan"]')
      return !!img && img.complete && img.naturalWidth > 0
    }, undefined, { timeout: 30_000 })
    await page.waitForTimeout(9_000)
    expect(editorAsked).toEqual([])
    expect(await light(page, 'connection-status').getAttribute('data-status')).toBe('connecting')

    // The board comes: its shapes are drawn, then the editor's code is asked for and takes over.
    const route = socket as WebSocketRoute | null
    if (!route) throw new Error('the page opened no sync socket')
    toPage = (m) => route.send(m)
    for (const m of fromServer.splice(0)) route.send(m)
    await light(page, 'light-shapes').locator('[data-shape-type="geo"]').first().waitFor({ timeout: 20_000 })
    await page.getByTestId('light-board').waitFor({ state: 'detached', timeout: 30_000 })
    expect(editorAsked.length).toBeGreaterThan(0)
    expect(await page.locator('.tl-shape[data-shape-type="geo"]').count()).toBeGreaterThanOrEqual(1)
    await page.context().close()
  })

  it('asks for the base plan\'s phone-sized picture once, as soon as the project says where it is', async () => {
    // A photo-like JPEG plan larger than its rendition (1,280 px on the long side).
    const jpeg = noisyJpeg(1400, 875, 3, 40)
    const room = await openRoom(e2e.server)
    const { projectId } = room.project
    const upload = await uploadAsset(e2e.server.url, projectId, jpeg, room.organizer.token)
    expect(upload.status).toBe(201)
    const src = upload.body.src as string
    expect((await room.call(room.organizer, 'PUT', '/base-plan', { src, width: 1400, height: 875 })).status).toBe(200)
    await room.moveTo('needs')

    // Her device as the join page leaves it: her personal token and her name.
    const who = room.resident
    const access = { projectId, token: who.token, linkToken: who.linkToken, role: who.role, projectName: '花园', name: who.name, unit: '', participantId: who.participantId, joinedAt: Date.now(), lastOpened: Date.now() }
    const context = await e2e.browser.newContext({
      ...SCREENS.phone.options,
      storageState: { cookies: [], origins: [{ origin: e2e.server.url, localStorage: [
        { name: 'commonground.projectAccess', value: JSON.stringify([access]) },
        { name: 'commonground.participant', value: JSON.stringify({ id: 'phoneRendition1', name: who.name, color: '#1971c2' }) },
      ] }] },
    })
    const page = await context.newPage()
    const hold = await holdEditor(page)
    const plans: string[] = []
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname
      if (path.startsWith(src)) plans.push(path)
    })
    await page.goto(`${e2e.server.url}/p/${projectId}`)
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="light-plan"]')
      return !!img && img.complete && img.naturalWidth > 0
    }, undefined, { timeout: 30_000 })
    // The boot view (src/app/bootView.ts) draws the same picture first and gives way to the light view.
    await page.getByTestId('boot-view').waitFor({ state: 'detached', timeout: 30_000 })
    // The light view shows the rendition, which the app preloaded as soon as the project said where
    // it is (a preload the picture then used: one request, not two), and not the original.
    expect(new URL(await page.getByTestId('light-view').getByTestId('light-plan').getAttribute('src') ?? '', e2e.server.url).pathname).toBe(`${src}/small`)
    expect(await page.evaluate(() => [...document.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="image"]')].map((l) => new URL(l.href).pathname)))
      .toEqual([`${src}/small`])
    expect(plans).toEqual([`${src}/small`])
    await hold.release()
    await context.close()
  })
})
