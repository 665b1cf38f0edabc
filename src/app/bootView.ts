/**
 * The boot view: a resident's phone shows her board — the plan, the pins, the stage and her
 * instruction, ＋ 提需求 — before the app's code has run. On a phone at 4× CPU throttling the app's
 * JavaScript takes ~2 s to arrive and evaluate, and the page was blank all that while.
 *
 * Not a module of the app: vite.config.ts (`bootViewSource`) bundles this file on its own into a
 * classic script from our own origin, which the page preload script (inline in index.html's head,
 * `routePreload`) inserts on a resident's phone only, after it has asked for the project's state,
 * participation, facilitation and /api/config with her personal token (src/net/earlyAnswers.ts).
 * This script:
 * - reads copies of the state's and the participation's answers, cloned by the preload script as
 *   they arrived (the app still takes the very answers: nothing is fetched twice, and the app may
 *   run before this script has even come);
 * - paints from those fresh answers only, never from a cache: the state and participation are what
 *   the server gives her now, as the server filters them for her (hidden needs, private periods),
 *   so the boot view shows nothing the app would not;
 * - lays the page out as the light view does (the same classes and stylesheets, the same opening
 *   camera and pin placement: src/lightView/openingView.ts, src/participation/needs/pinLayout.ts),
 *   so the light view replaces it without a jump;
 * - keeps a tap on ＋ 提需求 for the app (src/ui/bootHandover.ts), which opens the need form when the
 *   editor takes over, as after a tap on the light view.
 * It paints only what it can draw exactly as the light view will: a resident, on a phone, with a
 * personal token (anything else is left to the app) — need pins, or in 实施落实 the task pins and their
 * progress photos, and 各自先想's banner while a private period runs. No React, no string table: the
 * few strings it shows are picked from the app's tables at build time (bootStrings.ts).
 */
import { COMPACT_QUERY } from '../board/compactQuery'
import { openingCamera, planPictureSrc, planPlacement } from '../lightView/openingView'
import { earlyPlanPictureSrc } from '../shared/imageRendition'
import { groupNeedPins, groupWords, pinnedNeeds, pinTexts, placePins, rootFontPx, type PinTexts } from '../participation/needs/pinLayout'
import { categoryColour } from '../participation/needs/needsLogic'
import { placeTaskPins, taskPinStatus } from '../participation/tasks/taskPinLayout'
import { STAGE_TAB } from '../participation/panelTabs'
import { format } from '../shared/i18n/messages'
import { isParticipationState, type Need, type ParticipationState } from '../shared/participation'
import { isProjectState, type ProjectState } from '../shared/projectApi'
import { can, STAGES } from '../shared/workflow'
import { guidanceFor, readonlyReason } from '../i18n/stageText'
import { DEFAULT_LANG, isLang, LANG_EVENT, LANG_KEY, type Lang } from '../i18n/langCodes'
import { LARGE_TEXT_CLASS, readLargeText, setRootClass, switchLargeText } from '../ui/largeTextSetting'
import { claimBootView, recordBootPanel, recordBootTap, type BootPanel, type BootTap, type BootViewHandle } from '../ui/bootHandover'
import { readString, writeString } from '../device/localStore'
import type { BootStrings } from './bootStrings'
import { preloadImage } from './preloadImage'
import { BOOT_INPUT, BOOT_PLAN_WAIT_MS, type BootInput } from './bootInput'

/** Above the light view (lightView.css: 450), which is drawn beneath it while the app starts. */
const BOOT_Z_INDEX = '460'

/**
 * The strings of both languages (bootStrings.ts): the parameter of the function vite.config.ts
 * wraps this bundle in, so a free name here.
 */
declare const __cgBootStrings: Record<string, BootStrings> | undefined

// The app waits for this script's verdict (APP_HOLD): let it go once the first view is on screen,
// or at once when there will be none. Whatever goes wrong here, the app is let go.
{
  const input = window[BOOT_INPUT]
  delete window[BOOT_INPUT]
  const release = input?.release ?? (() => {})
  let painted: Promise<boolean>
  try {
    painted = input ? start(input) : Promise.resolve(false)
  } catch (err) {
    console.warn('[boot view] not started', err)
    painted = Promise.resolve(false)
  }
  void painted.then((on) => (on ? planOnScreen().then(() => afterNextPaint(release)) : release()), release)
}

/**
 * Resolves once the boot view's plan picture is decoded (a frame then draws it), or BOOT_PLAN_WAIT_MS
 * after its first view went into the page, or at once when there is none. Race: let go at the pins' paint, the app's start (a
 * quarter of a second of a phone's one main thread) ran while the picture came, and the picture
 * she came to see waited for it to finish (measured: the plan 0.3 s after the pins).
 */
function planOnScreen(): Promise<void> {
  const img = document.querySelector<HTMLImageElement>('[data-testid="boot-view"] img[data-testid="light-plan"]')
  if (!img) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, BOOT_PLAN_WAIT_MS)
    img.decode().then(() => undefined, () => undefined).then(() => {
      clearTimeout(timer)
      resolve()
    })
  })
}

/**
 * Runs `then` once the frame with what was just put in the page has been drawn: a task queued from
 * an animation frame callback runs after that frame's paint. Lifecycle edge: a hidden page draws
 * no frames, so a timer lets go too.
 */
function afterNextPaint(then: () => void): void {
  const timer = setTimeout(then, 500)
  requestAnimationFrame(() => setTimeout(() => {
    clearTimeout(timer)
    then()
  }, 0))
}

/** Paints the boot view if it can; true once the first view is in the page. */
function start(input: BootInput): Promise<boolean> {
  if (input.role !== 'resident') return Promise.resolve(false)
  if (!window.matchMedia?.(COMPACT_QUERY).matches) return Promise.resolve(false)
  const strings = typeof __cgBootStrings === 'undefined' ? undefined : __cgBootStrings
  const saved = readString(LANG_KEY)
  let lang: Lang = isLang(saved) ? saved : DEFAULT_LANG
  if (!strings?.[lang]) return Promise.resolve(false)

  // The handle may be there already: the app, faster than this script (held no longer than
  // APP_HOLD_MAX_MS), made it and may have dismissed it — then nothing is painted at all.
  let root: HTMLElement | null = null
  const handle = claimBootView(() => {
    if (root) uncover()
    root?.remove()
    root = null
  })
  if (!handle) return Promise.resolve(false)

  // Before the first paint of anything, as the app's own start does (startApp.tsx): an elderly reader
  // never sees the small layout first.
  setRootClass(readLargeText())
  const styles = Promise.all(input.css.map(stylesheet))
  const state = json(input.state)
  // The plan's picture as soon as its address is known, not once the pins and the stylesheets are
  // in too: on 4G the picture is the last thing the first view waits for.
  void state.then((s) => {
    const plan = isProjectState(s) ? s.project.basePlan : null
    if (!plan || !plan.src.startsWith('/') || handle.dismissed) return
    preloadImage(earlyPlanPictureSrc(plan, { w: window.innerWidth, h: window.innerHeight }, window.devicePixelRatio || 1))
  }, () => undefined)
  return Promise.all([state, json(input.participation), styles, domReady()]).then(([s, p]) => {
    // Lifecycle edge: the app may have taken over while these came.
    if (handle.dismissed || !isProjectState(s) || !isParticipationState(p)) return false
    if (!paintable(s)) return false
    // Painted again, whole, when she switches 大字 or the language on it: an elderly reader's first
    // tap is often 大字, and the app (a second away on a phone) must not be what she waits for.
    // Both sides keep the switch (storage, and an event for an app already running beneath).
    const render = () => {
      const old = root
      root = paint(s, p, strings[lang], lang, handle, {
        largeText: () => {
          switchLargeText(!largeTextOn())
          repaint()
        },
        language: () => {
          const next: Lang = lang === 'en' ? 'zh-CN' : 'en'
          if (!strings[next]) return
          lang = next
          writeString(LANG_KEY, lang)
          window.dispatchEvent(new CustomEvent(LANG_EVENT, { detail: lang }))
          repaint()
        },
      })
      old?.remove()
    }
    // A repaint that fails leaves the view she had (paint takes its half-made one away): the app
    // follows the switch either way.
    const repaint = () => {
      try {
        render()
      } catch (err) {
        console.warn('[boot view] not painted again', err)
      }
    }
    try {
      render()
      return true
    } catch (err) {
      // Half a first view is worse than none: the app paints its own.
      document.querySelector('[data-testid="boot-view"]')?.remove()
      uncover()
      console.warn('[boot view] not painted', err)
      return false
    }
  }, () => false)
}

/**
 * While the boot view lies over the app's page (its "loading" page, then the light view coming up
 * beneath), that page is out of reach: no tap gets there anyway, and a screen reader should read one
 * page, not two. Lifecycle edge: undone when the boot view goes, whoever removes it.
 */
function cover(): void {
  const app = document.getElementById('root')
  app?.setAttribute('inert', '')
  app?.setAttribute('aria-hidden', 'true')
}

function uncover(): void {
  const app = document.getElementById('root')
  app?.removeAttribute('inert')
  app?.removeAttribute('aria-hidden')
}

function json(res: Promise<Response | null>): Promise<unknown> {
  return res.then((r) => {
    if (!r) throw new Error('no answer')
    return r.json()
  })
}

/** Applies a stylesheet the page preload script also preloads; resolves when it is in, rejects when it cannot come. */
function stylesheet(href: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const link = document.createElement('link')
    link.rel = 'stylesheet'
    link.href = href
    // Same mode as the preload beside it and Vite's own stylesheet links, so one download serves all.
    link.crossOrigin = ''
    link.onload = () => resolve()
    // Unstyled, it would not look like the light view: no boot view then.
    link.onerror = () => reject(new Error(`stylesheet ${href}`))
    document.head.appendChild(link)
  })
}

/**
 * The page is parsed (its body is there). Not DOMContentLoaded: that waits for the app's entry, a
 * deferred module script, to have run — the very thing the boot view must not wait for.
 */
function domReady(): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve()
  return new Promise((resolve) => document.addEventListener('readystatechange', () => resolve(), { once: true }))
}

/**
 * Whether 大字 is on: the class on <html>, as the app reads it, so the mode works for this visit
 * even where storage does not.
 */
function largeTextOn(): boolean {
  return document.documentElement.classList.contains(LARGE_TEXT_CLASS)
}

/** Whether the boot view draws this page exactly as the light view will (see the file's comment). */
function paintable(state: ProjectState): boolean {
  return state.role === 'resident'
}

type Attrs = Record<string, string | number | boolean | undefined>

/**
 * A DOM element with attributes and children. Security decision: text children are text nodes,
 * never parsed as HTML — the project's name and the needs' words are other people's input.
 */
function el(tag: string, attrs: Attrs = {}, ...children: (Node | string | null)[]): HTMLElement {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue
    node.setAttribute(name, value === true ? '' : String(value))
  }
  for (const child of children) if (child !== null) node.append(child)
  return node
}

/** The header's switches, which the boot view carries out itself (the other header buttons wait for the app). */
interface Switches {
  largeText: () => void
  language: () => void
}

function paint(state: ProjectState, p: ParticipationState, t: BootStrings, lang: Lang, handle: BootViewHandle, switches: Switches): HTMLElement {
  const w = t.workflow
  const { role, stage } = state
  const index = STAGES.indexOf(stage)
  const large = largeTextOn()
  const otherLang = lang === 'en' ? 'zh-CN' : 'en'
  const connecting = el('div', { class: 'conn-status conn-status--connecting', 'data-status': 'connecting', role: 'status', title: t.status.connectingHint },
    el('span', { class: 'conn-status__dot', 'aria-hidden': 'true' }), el('span', { class: 'conn-status__text' }, t.status.connecting),
    el('span', { class: 'visually-hidden' }, t.status.connectingHint))
  const largeToggle = el('button', { type: 'button', class: `cg-large-text-toggle${large ? ' cg-large-text-toggle--on' : ''}`, 'aria-pressed': String(large), title: t.needs.largeTextLabel },
    large ? t.needs.largeTextOn : t.needs.largeText)
  largeToggle.addEventListener('click', switches.largeText)
  const langSwitch = el('button', { type: 'button', class: 'lang-switch', 'data-lang': lang, title: t.lang.switchLabel, lang: otherLang }, t.lang.switchTo)
  langSwitch.addEventListener('click', switches.language)
  const header = el('header', { class: 'board-header' },
    el('a', { href: '/', class: 'board-header__home' }, el('span', { 'aria-hidden': 'true' }, '‹'), ` ${t.app.homeLink}`),
    el('h1', { class: 'board-header__title', title: state.project.name }, state.project.name),
    connecting, largeToggle, langSwitch)

  const historyTool = el('button', { type: 'button', class: 'button wf-tool', 'data-testid': 'open-history', title: w.tools.historyLabel }, w.tools.history)
  const peopleTool = el('button', { type: 'button', class: 'button wf-tool', 'data-testid': 'open-people', title: t.identity.toolLabel }, t.identity.tool)
  const steps = el('ol', { class: 'stage-steps', 'aria-label': w.stageBar.label }, ...STAGES.map((s, i) =>
    el('li', { class: `stage-step${i < index ? ' stage-step--done' : ''}${i === index ? ' stage-step--current' : ''}`, 'aria-current': i === index ? 'step' : undefined },
      el('span', { class: 'stage-step__num', 'aria-hidden': 'true' }, i < index ? '✓' : String(i + 1)),
      el('span', { class: 'stage-step__name' }, w.stages[s]),
      i < index ? el('span', { class: 'visually-hidden' }, w.stageBar.done) : null)))
  const reason = readonlyReason(t, lang, role, stage)
  const stageBar = el('section', { class: 'stage-bar', 'data-stage': stage, 'aria-label': w.stageBar.label },
    el('div', { class: 'stage-bar__line' },
      el('button', { type: 'button', class: 'stage-bar__summary', 'aria-expanded': 'false' },
        el('span', { class: 'stage-bar__num', 'aria-hidden': 'true' }, String(index + 1)),
        el('span', { class: 'stage-bar__current' }, w.stages[stage]),
        el('span', { class: 'stage-bar__of' }, format(w.stageBar.stepOf, { n: index + 1, total: STAGES.length })),
        el('span', { class: 'stage-bar__chevron', 'aria-hidden': 'true' }, '▾'),
        el('span', { class: 'visually-hidden' }, w.stageBar.details)),
      steps,
      el('div', { class: 'stage-bar__tools' }, historyTool, peopleTool)),
    el('div', { class: 'stage-bar__now' },
      el('p', { class: 'stage-bar__guidance', 'data-testid': 'stage-guidance' },
        el('strong', { class: 'stage-bar__you' }, format(w.stageBar.yourTaskAs, { role: w.roles[role] })), ' ', guidanceFor(t, role, stage))),
    reason ? el('p', { class: 'stage-bar__readonly', role: 'note' }, reason) : null)

  const page = el('div', { class: 'cg-light__page' })
  const pins = el('div', { class: 'cg-need-pins' })
  const addNeed = can(role, stage, 'addNeed')
    ? el('button', { type: 'button', class: 'button button--primary cg-add-need cg-add-need--floating', 'data-testid': 'add-need' }, t.needs.addNeed)
    : null
  const tab = STAGE_TAB[stage]
  const draw = can(role, stage, 'draw') ? el('button', { type: 'button', class: 'button cg-phone-draw', title: t.board.phone.drawLabel }, t.board.phone.draw) : null
  const panelToggle = el('button', { type: 'button', class: 'participation-panel__toggle', 'aria-expanded': 'false' },
    format(t.participation.showPanel, { tab: t.participation.tabs[tab] }))
  const tasks = el('div', { class: 'cg-task-pins', 'data-testid': 'light-task-pins' })
  const view = el('div', { class: 'cg-light__view' },
    page,
    pins,
    tasks,
    el('button', { type: 'button', class: 'button cg-phone-fit', title: t.board.phone.fitLabel }, t.board.phone.fit),
    draw,
    el('aside', { class: 'participation-panel', 'data-tab': tab, 'aria-label': t.participation.panelLabel }, panelToggle),
    addNeed)
  // 各自先想 (PrivateModeBanner, a resident's form: no reveal): what she can see while it runs. The
  // answer she was painted from is already filtered for it (only her own needs).
  const period = p.privatePeriod
  const privateBanner = period
    ? el('div', { class: 'cg-private', role: 'status', 'data-testid': 'private-banner', 'data-scope': period.scope },
      el('p', { class: 'cg-private__text' },
        el('strong', {}, period.scope === 'needs' ? t.privateMode.bannerNeeds : t.privateMode.bannerComments), ' ',
        el('span', { class: 'cg-private__count', 'data-testid': 'private-count' }, format(t.privateMode.count, { count: period.items, mine: period.mine }))))
    : null
  const root = el('div', { class: 'board board--bare cg-light', 'data-testid': 'boot-view', lang },
    header, stageBar, privateBanner, el('div', { class: 'board__canvas' }, view))
  root.style.zIndex = BOOT_Z_INDEX

  // What she taps is kept for the app (src/ui/bootHandover.ts), as on the light view: the button
  // says it is on its way (lightView.css: .cg-light [aria-busy]). 大字 and the language are switched
  // here (above); 历史 and 人员 open their panels once the app is there; the stage's details and
  // 看全图 (the view is the whole plan already) wait for the app.
  // The record calls are made here, directly, not through a callback passed in: the boot script's
  // bundler (rolldown with minify) dropped a call of a callback parameter here as if it did nothing,
  // and every early tap was lost (caught by test/e2e/bootView.test.ts).
  const keep = (button: HTMLElement | null, kept: { tap: BootTap } | { panel: BootPanel }, busy = true) =>
    button?.addEventListener('click', () => {
      for (const other of root.querySelectorAll('[aria-busy]')) other.removeAttribute('aria-busy')
      if (busy) button.setAttribute('aria-busy', 'true')
      if ('tap' in kept) recordBootTap(handle, kept.tap)
      else recordBootPanel(handle, kept.panel)
    })
  keep(addNeed, { tap: { kind: 'addNeed' } })
  keep(draw, { tap: { kind: 'draw' } })
  keep(panelToggle, { tap: { kind: 'panel' } })
  keep(historyTool, { panel: 'history' })
  keep(peopleTool, { panel: 'people' })
  const pinTap = (pin: HTMLElement, tap: BootTap) => keep(pin, { tap }, false)

  document.body.appendChild(root)
  cover()
  try {
    drawPlan(view, page, pins, tasks, state, p, t, lang, large, pinTap)
  } catch (err) {
    // Half a view is worse than none: the caller keeps the one before, or the app paints its own.
    root.remove()
    throw err
  }
  return root
}

/** The plan, the pins and the task pins, placed by the light view's opening camera. */
function drawPlan(
  view: HTMLElement, page: HTMLElement, pins: HTMLElement, tasks: HTMLElement,
  state: ProjectState, p: ParticipationState, t: BootStrings, lang: Lang, large: boolean,
  pinTap: (pin: HTMLElement, tap: BootTap) => void,
): void {
  const stage = state.stage
  if (!p.tasks?.length) tasks.remove()
  // Laid out now, with the stylesheets in: the view's size is the light view's.
  const size = { w: view.clientWidth, h: view.clientHeight }
  const plan = planPlacement(state.project.basePlan, null)
  const needs = p.needs
  const camera = openingCamera(plan, needs, size)
  if (!camera) return
  page.style.transform = `scale(${camera.z}) translate(${camera.x}px, ${camera.y}px)`
  const basePlan = state.project.basePlan
  if (basePlan && plan) {
    const img = el('img', { class: 'cg-light__plan', 'data-testid': 'light-plan', alt: '', draggable: 'false', decoding: 'async' }) as HTMLImageElement
    Object.assign(img.style, { left: `${plan.x}px`, top: `${plan.y}px`, width: `${plan.w}px`, height: `${plan.h}px` })
    img.src = planPictureSrc(basePlan, plan, camera.z, window.devicePixelRatio || 1)
    page.append(img)
  }
  // As the light view (LightCanvas): in 实施落实 the task pins take the plan; tasks made in 方案定稿
  // show beside the need pins.
  if (stage !== 'implement') drawPins(pins, needs, p, t, lang, camera, size, rootFontPx(large), pinTap)
  if (p.tasks?.length) drawTaskPins(tasks, p.tasks, t, camera, size, pinTap)
}

function drawTaskPins(
  into: HTMLElement,
  all: NonNullable<ParticipationState['tasks']>,
  t: BootStrings,
  camera: { x: number; y: number; z: number },
  size: { w: number; h: number },
  onPin: (pin: HTMLElement, tap: BootTap) => void,
): void {
  const { photos, pins } = placeTaskPins(all, camera, size.w, size.h)
  for (const photo of photos) {
    const marker = el('button', { type: 'button', class: 'cg-task-photo-pin', 'data-testid': 'task-photo-pin', 'aria-label': t.tasks.photoPin },
      el('span', { 'aria-hidden': 'true' }, '📷'))
    Object.assign(marker.style, { left: `${photo.x}px`, top: `${photo.y}px` })
    onPin(marker, { kind: 'task', taskId: photo.taskId })
    into.append(marker)
  }
  for (const { task, n, x, y } of pins) {
    const { overdue, text } = taskPinStatus(task, t.tasks)
    const pin = el('button', { type: 'button', class: `cg-task-pin cg-task-pin--${overdue ? 'delayed' : task.status}`, 'data-testid': 'task-pin',
      'data-task-id': task.id, 'data-status': task.status, 'aria-label': format(t.tasks.pinLabel, { n, title: task.title, status: text }) },
    el('span', { class: 'cg-task-pin__n', 'aria-hidden': 'true' }, String(n)),
    el('span', { 'aria-hidden': 'true' }, text))
    Object.assign(pin.style, { left: `${x}px`, top: `${y}px` })
    onPin(pin, { kind: 'task', taskId: task.id })
    into.append(pin)
  }
}

function drawPins(
  into: HTMLElement,
  all: readonly Need[],
  p: ParticipationState,
  t: BootStrings,
  lang: Lang,
  camera: { x: number; y: number; z: number },
  size: { w: number; h: number },
  rootPx: number,
  onPin: (pin: HTMLElement, tap: BootTap) => void,
): void {
  const needs = pinnedNeeds(all)
  const texts: PinTexts = pinTexts(needs, p.categories, t.needs, lang, rootPx)
  const groups = groupNeedPins(needs, texts, camera.z)
  for (const { group, x, y, shift } of placePins(groups, texts, camera, size.w, size.h)) {
    const count = group.members.length
    let pin: HTMLElement
    if (count > 1) {
      pin = el('button', { type: 'button', class: 'cg-need-pin cg-need-pin--group', 'data-testid': 'need-pin-group', 'data-need-count': count,
        'data-need-ids': group.members.map((m) => m.id).join(' '), 'aria-label': format(t.needs.pinGroupLabel, { count }) },
      ...[...new Set(group.members.map((m) => m.categoryId))].slice(0, 4).map((id) => {
        const dot = el('span', { class: 'cg-need-pin__dot cg-need-pin__dot--small', 'aria-hidden': 'true' })
        dot.style.setProperty('--cg-need-colour', categoryColour(id))
        return dot
      }),
      el('span', { class: 'cg-need-pin__label', 'aria-hidden': 'true' }, groupWords(t.needs, count)),
      el('span', { class: 'cg-need-pin__zoom', 'aria-hidden': 'true' }, '＋'))
    } else {
      const need = group.lead
      const text = texts.byId.get(need.id)
      pin = el('button', { type: 'button', class: `cg-need-pin${need.tickedByMe ? ' cg-need-pin--mine' : ''}${need.hidden ? ' cg-mod-greyed' : ''}`,
        'data-testid': 'need-pin', 'data-need-id': need.id, 'data-support': need.support },
      el('span', { class: 'cg-need-pin__dot', 'aria-hidden': 'true' }),
      el('span', { class: 'cg-need-pin__label' }, text?.label ?? '?'), ' ',
      el('span', { class: 'cg-need-pin__count' }, text?.count ?? ''),
      el('span', { class: 'visually-hidden' }, `：${need.text}`))
      pin.style.setProperty('--cg-need-colour', categoryColour(need.categoryId))
    }
    onPin(pin, count > 1 ? { kind: 'needGroup', needIds: group.members.map((m) => m.id) } : { kind: 'need', needId: group.lead.id })
    pin.style.left = `${x}px`
    pin.style.top = `${y}px`
    pin.style.setProperty('--cg-pin-shift', `${shift}px`)
    into.append(pin)
  }
}
