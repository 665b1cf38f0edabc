/**
 * The task list of 实施落实, as people see it in real Chromium: the organizer (1920×1080) makes a task
 * pinned on the plan and marks it finished; a resident on a small phone with large text (360×640 大字)
 * sees its pin, opens the task list and accepts it with a comment; the organizer sees the result, and
 * enters the answer of a resident without a phone (代录).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { format } from '../../src/i18n/lang.js'
import { strings } from '../../src/i18n/strings.js'
import { byTestId, setupE2e, waitForStatus } from '../helpers/e2e.js'
import { planPng } from '../helpers/png.js'
import { giveAccess, PLAN, SCREENS } from '../helpers/tour.js'
import { openRoom } from '../server/participationTestKit.js'
import { uploadAsset } from '../server/workflowTestKit.js'

const zh = strings['zh-CN']
/** Set SHOTS=1 to keep screenshots in the system's temp folder, shots-tasks/ (for looking, not for asserting). */
const SHOTS = process.env.SHOTS ? path.join(os.tmpdir(), 'shots-tasks') : null

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return
  fs.mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: `${SHOTS}/${name}.png` })
}

async function openTasks(page: Page): Promise<void> {
  await page.getByTestId('participation-panel').waitFor()
  if ((await page.getByTestId('tab-tasks').count()) === 0) await page.getByTestId('participation-toggle').click()
  if ((await page.getByTestId('tasks-tab').count()) === 0) await page.getByTestId('tab-tasks').click()
  await page.getByTestId('tasks-tab').waitFor()
}

describe('任务清单: a task carried to a resident\'s 认可', () => {
  const e2e = setupE2e()

  it('is pinned on the plan by the organizer, finished, and accepted with a comment on a phone', async () => {
    const room = await openRoom(e2e.server)
    const projectId = room.project.projectId
    const plan = await uploadAsset(e2e.server.url, projectId, planPng(PLAN.width, PLAN.height), room.organizer.token)
    expect((await room.call(room.organizer, 'PUT', '/base-plan', { src: plan.body.src, width: PLAN.width, height: PLAN.height })).status).toBe(200)
    await room.moveTo('agreed')

    // The organizer on the projector-sized screen: a new task, its place tapped on the plan.
    const org = await e2e.open(SCREENS.projector.options)
    await giveAccess(org.page, projectId, room.organizer, false)
    await org.page.goto(`${e2e.server.url}/p/${projectId}`)
    await waitForStatus(org.page, 'connected')
    await openTasks(org.page)
    await org.page.getByTestId('task-add').click()
    await org.page.getByTestId('task-title').fill('树下安装三张长椅')
    await org.page.getByTestId('task-responsible').fill('街道城建科 李工')
    await org.page.getByTestId('task-due').fill('2027-05-01')
    // Refused in plain words until the place is chosen; what was typed stays.
    await org.page.getByTestId('task-save').click()
    await expect.poll(() => org.page.getByTestId('task-form-error').textContent()).toBe(zh.tasks.missing)
    await shot(org.page, 'organizer-form-1920')
    await org.page.getByTestId('task-pick-place').click()
    await org.page.mouse.click(1300, 600)
    await byTestId(org.page, 'task-place', '[data-chosen="true"]').waitFor()
    await org.page.getByTestId('task-save').click()
    await byTestId(org.page, 'task-card').waitFor()
    const pin = byTestId(org.page, 'task-pin')
    await pin.waitFor()
    const box = (await pin.boundingBox())!
    // The pin points at the tapped place (its tip is 10 px and the arrow above it, centred on x).
    expect(Math.abs(box.x + box.width / 2 - 1300)).toBeLessThan(3)
    expect(box.y + box.height).toBeLessThan(600)
    const task = (await room.state(room.organizer)).tasks![0]
    expect(task).toMatchObject({ title: '树下安装三张长椅', responsible: '街道城建科 李工', due: '2027-05-01', status: 'notStarted' })

    // 实施落实: the organizer marks it finished.
    await room.moveTo('implement')
    await byTestId(org.page, 'task-status-done').click()
    await byTestId(org.page, 'task-card', '[data-status="done"]').waitFor()
    await shot(org.page, 'organizer-1920')

    // The resident's small phone, large text: the pin says 已完成; the panel opens on the task list.
    const phone = await e2e.open(SCREENS.phoneSmall.options)
    await giveAccess(phone.page, projectId, room.resident, true)
    await phone.page.goto(`${e2e.server.url}/p/${projectId}`)
    await byTestId(phone.page, 'task-pin', '[data-status="done"]').first().waitFor({ timeout: 20_000 })
    expect(await byTestId(phone.page, 'task-pin').first().textContent()).toContain(zh.tasks.status.done)
    await shot(phone.page, 'resident-360-plan')
    await phone.page.getByTestId('participation-toggle').click()
    await phone.page.getByTestId('tasks-tab').waitFor({ timeout: 30_000 })
    await phone.page.getByTestId('task-comment').fill('椅子很结实，谢谢')
    const accept = phone.page.getByTestId('task-accept')
    const acceptBox = (await accept.boundingBox())!
    expect(acceptBox.height).toBeGreaterThanOrEqual(44)
    expect(acceptBox.width).toBeGreaterThanOrEqual(44)
    await accept.click()
    await phone.page.getByTestId('task-my-answer').waitFor()
    expect(await phone.page.getByTestId('task-result-count').getAttribute('data-yes')).toBe('1')
    await shot(phone.page, 'resident-360-accepted')
    if (SHOTS) {
      await phone.page.getByTestId('task-card').first().evaluate((el) => el.scrollIntoView())
      await shot(phone.page, 'resident-360-card')
      await accept.scrollIntoViewIfNeeded()
      await shot(phone.page, 'resident-360-buttons')
    }

    // The organizer sees it at once, with the comment and who said it.
    await byTestId(org.page, 'task-result-count', '[data-yes="1"][data-no="0"]').waitFor()
    expect(await org.page.getByTestId('task-verdict-comment').textContent()).toContain('椅子很结实，谢谢')
    expect(await org.page.getByTestId('task-verdict-comment').textContent()).toContain(room.resident.name)

    // 代录: 张奶奶 has no phone; she tells the organizer she accepts it, and it counts as hers.
    await org.page.getByTestId('tasks-tab').getByTestId('proxy-open').click()
    const dialog = org.page.getByTestId('proxy-dialog')
    await dialog.getByTestId('proxy-new-name').fill('张奶奶')
    await dialog.getByTestId('proxy-new-add').click()
    await dialog.getByTestId('proxy-task-accept').click()
    await org.page.keyboard.press('Escape')
    await byTestId(org.page, 'task-result-count', '[data-yes="2"][data-no="0"]').waitFor()
    expect(await org.page.getByTestId('tasks-tab').textContent()).toContain(format(zh.tasks.enteredBy, { name: room.organizer.name }))
  })
})
