/**
 * The needs: the same 5,000 shapes on a PROJECT board (/p/<id>) in the "collect
 * needs" stage, with needs (participation rows on the server, shown as pins by NeedPins.tsx) that
 * people ticked; in headless Chromium, the time from navigation until every shape and every need pin
 * is in the page. The participation layer is loaded lazily once the canvas is up and fetches the
 * needs over HTTP, so the pins follow their own path, apart from the shapes' sync.
 */
import type { Browser } from 'playwright-core'
import type { TestServer } from '../helpers/startTestServer.js'
import { openRecordedPage } from '../helpers/browser.js'
import { addNeed, openRoom, type Person } from '../server/participationTestKit.js'
import type { OurServer } from './benchServers.js'
import { median, seedShapes, timeLoad, VIEWPORT, waitUnloaded, type LoadTimes } from './coldLoadKit.js'
import { ms, sleep } from './processStats.js'

export interface ProjectColdLoadOptions { shapes: number; needs: number; ticksPerNeed: number; runs: number }

/** Residents who write and tick the needs, besides the four people openRoom joins. */
const RESIDENTS = 6
const CATEGORIES = ['greenery', 'seating', 'play', 'accessibility', 'lighting', 'other']
/**
 * Pins are culled to the viewport (NeedPins.tsx), and a fresh page opens at the page origin, zoom 1:
 * the needs go on a grid inside the first screen (1280 × 800 less the page's bars), so every one of
 * them is in the page: a pin of its own or counted in a bubble of pins too close to tell apart.
 */
const PIN_COLS = 20
const pinPlace = (i: number) => ({ x: 30 + (i % PIN_COLS) * 55, y: 30 + Math.floor(i / PIN_COLS) * 40 })

interface ProjectLoad extends LoadTimes { shapeCount: number; pinCount: number }

export async function benchProjectColdLoad(server: OurServer, browser: Browser, opts: ProjectColdLoadOptions, log: (l: string) => void): Promise<string> {
  if (opts.needs > PIN_COLS * 15) throw new Error(`at most ${PIN_COLS * 15} needs fit on the first screen`)
  // openRoom reads only the server's URL; the bench's server runs in a child process, so it is no TestServer.
  const room = await openRoom({ url: server.url } as TestServer)
  await room.moveTo('needs')
  const projectId = room.project.projectId
  const projectUrl = `${server.url}/p/${projectId}`

  // First visit, through a resident's role link: the join leaves the project's access (the token)
  // and the name on the device; the page writes the tldraw document and page (residents may draw now).
  const first = await openRecordedPage(browser, { viewport: VIEWPORT })
  await first.page.goto(`${server.url}/join/${projectId}#${room.resident.linkToken}`)
  await first.page.getByTestId('join-name').fill('基准居民')
  await first.page.getByTestId('join-submit').click()
  await first.page.waitForURL(/\/p\/[A-Za-z0-9_-]+$/, { timeout: 30_000 })
  const nameInput = first.page.getByTestId('name-input')
  const status = first.page.locator('[data-testid="connection-status"][data-status="connected"]')
  // One wait for either: the device may already know the name from the join.
  await nameInput.or(status).first().waitFor({ timeout: 30_000 })
  if (await nameInput.isVisible()) {
    await nameInput.fill('基准居民')
    await first.page.getByTestId('name-submit').click()
  }
  await status.waitFor({ timeout: 30_000 })
  await sleep(1_000)
  const storageState = await first.context.storageState()
  await first.context.close()

  await seedShapes(server, projectId, opts.shapes, room.organizer.token)
  const people: Person[] = [room.resident, room.committee, room.expert, room.organizer]
  for (let i = 0; i < RESIDENTS; i++) people.push(await room.join(room.resident.linkToken, `居民${i + 1}`, 'resident'))
  const started = performance.now()
  for (let i = 0; i < opts.needs; i++) {
    // The author's own tick comes with the need; the others tick it after, the way people do.
    const author = people[i % people.length]
    const id = await addNeed(room, author, `需求 ${i + 1}：这里晚上太黑，需要路灯`, { ...pinPlace(i), categoryId: CATEGORIES[i % CATEGORIES.length] })
    for (let k = 1; k < opts.ticksPerNeed; k++) {
      const res = await room.call(people[(i + k) % people.length], 'POST', `/needs/${id}/tick`)
      if (res.status !== 200) throw new Error(`tick: ${res.status} ${JSON.stringify(res.body)}`)
    }
  }
  const state = await room.state(room.organizer)
  const live = state.needs.filter((n) => n.mergedInto === null)
  if (live.length !== opts.needs || live.some((n) => n.ticks !== opts.ticksPerNeed)) {
    throw new Error(`expected ${opts.needs} needs of ${opts.ticksPerNeed} ticks, the server has ${live.length}`)
  }
  log(`project: ${opts.shapes} shapes and ${opts.needs} needs (${opts.needs * opts.ticksPerNeed} ticks) stored, needs in ${ms((performance.now() - started) / 1000)} s`)
  await waitUnloaded(server)

  const loads: ProjectLoad[] = []
  for (let run = 0; run < opts.runs; run++) {
    // A fresh context each time: no cache, no IndexedDB copy; only the join's token and the name.
    const viewer = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', storageState })
    const p = await viewer.newPage()
    const times = await timeLoad(p, projectUrl, opts.shapes, opts.needs)
    const counts = await p.evaluate(() => ({
      shapeCount: document.querySelectorAll('.tl-shape').length,
      pinCount: document.querySelectorAll('[data-testid="need-pin"]').length +
        Array.from(document.querySelectorAll('[data-testid="need-pin-group"]')).reduce((n, g) => n + Number(g.getAttribute('data-need-count')), 0),
    }))
    loads.push({ ...times, ...counts })
    log(`project cold load ${run + 1}: first shape ${ms(times.firstShape)} ms, all ${counts.shapeCount} shapes ${ms(times.all)} ms, all ${counts.pinCount} need pins ${ms(times.pins)} ms`)
    await viewer.close()
    await waitUnloaded(server)
  }
  return projectMarkdown(opts, loads)
}

function projectMarkdown(opts: ProjectColdLoadOptions, loads: ProjectLoad[]): string {
  const everything = (l: ProjectLoad) => Math.max(l.all, l.pins)
  const mid = median(loads.map(everything))
  return [
    `The same ${opts.shapes.toLocaleString('en')} shapes on a project board (\`/p/<id>\`, stage "collect needs"), with ${opts.needs} needs of`,
    `${opts.ticksPerNeed} ticks each (author included), placed on the first screen so every one is a pin; opened by a resident who joined through`,
    'a role link (the device keeps the token and the name, nothing else), a fresh browser context each time, board unloaded on the',
    'server. The pins come from the participation layer, loaded on demand after the canvas, which fetches the needs over HTTP;',
    'time from navigation start:',
    '',
    '| run | first shape in the page ms | every shape in the page ms | every need pin in the page ms | both ms | .tl-shape elements | need pins |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...loads.map((l, i) => `| ${i + 1} | ${ms(l.firstShape)} | ${ms(l.all)} | ${ms(l.pins)} | ${ms(everything(l))} | ${l.shapeCount} | ${l.pinCount} |`),
    `| median | ${ms(median(loads.map((l) => l.firstShape)))} | ${ms(median(loads.map((l) => l.all)))} | ${ms(median(loads.map((l) => l.pins)))} | ${ms(mid)} | | |`,
    '',
    `Target (every shape and need rendered < 1.5 s): ${mid < 1500 ? 'met' : 'missed'} (median ${ms(mid)} ms).`,
  ].join('\n')
}
