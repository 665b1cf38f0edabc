/**
 * Identity as people meet it, in real Chromium at phone size: a second 王芳 who
 * types a name already taken is told plainly what to do and goes on as a new, numbered person; a
 * committee member confirms the first 王芳 face to face and shows her a one-time QR code; her new
 * phone opens it and is her; the same link opened again is refused.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { byTestId, joinByLink, PHONE, setupE2e, waitForStatus } from '../helpers/e2e.js'
import { createLink, createProject } from '../server/workflowTestKit.js'

/** Screenshots for a person to look at, when IDENTITY_SHOTS names a folder. */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.IDENTITY_SHOTS
  if (!dir) return
  fs.mkdirSync(dir, { recursive: true })
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: false })
}

/** This device's saved participant for the project (src/projects/projectAccess.ts). */
async function savedParticipant(page: Page, projectId: string): Promise<string | null> {
  return page.evaluate((id) => {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!
      if (!key.endsWith('projectAccess')) continue
      const entries = JSON.parse(localStorage.getItem(key) ?? '[]') as Array<{ projectId: string; participantId: string | null }>
      return entries.find((e) => e.projectId === id)?.participantId ?? null
    }
    return null
  }, projectId)
}

describe('identity: a person is who they joined as', () => {
  const e2e = setupE2e()

  it('a namesake is told plainly and joins as another person; a committee member confirms the first one in person and her new phone becomes her', async () => {
    const url = e2e.server.url
    const project = await createProject(url)
    const base = `${url}/join/${project.projectId}#`
    const resident = await createLink(url, project, 'resident')
    const committee = await createLink(url, project, 'committee')

    const first = await e2e.open(PHONE)
    await joinByLink(first.page, base + resident.token, '王芳')
    const firstId = await savedParticipant(first.page, project.projectId)
    expect(firstId).toEqual(expect.any(String))

    // Another person, the same QR code, the same name: told plainly, in Chinese, never let in as her.
    const second = await e2e.open(PHONE)
    await second.page.goto(base + resident.token)
    await second.page.getByTestId('join-name').fill('王芳')
    await second.page.getByTestId('join-submit').click()
    const notice = second.page.getByTestId('join-name-taken')
    await notice.waitFor({ timeout: 20_000 })
    expect(await notice.textContent()).toContain('已有人用这个名字加入。如果是你本人换了手机，请找居委会或组织者确认身份；如果不是，请加上楼号单元。')
    const asNew = second.page.getByTestId('join-as-new')
    expect((await asNew.boundingBox())!.height).toBeGreaterThanOrEqual(44)
    await shot(second.page, '1-name-taken')
    await asNew.click()
    await second.page.waitForURL(/\/p\/[A-Za-z0-9_-]+$/, { timeout: 20_000 })
    await waitForStatus(second.page, 'connected')
    const secondId = await savedParticipant(second.page, project.projectId)
    expect(secondId).not.toBe(firstId)

    // The committee member at the venue: 人员 → the first 王芳 → 确认本人 → a QR code for her new phone.
    const member = await e2e.open(PHONE)
    await joinByLink(member.page, base + committee.token, '刘主任')
    await member.page.getByTestId('open-people').click()
    const people = byTestId(member.page, 'people-person')
    await expect.poll(() => people.allTextContents(), { timeout: 20_000 }).toEqual(expect.arrayContaining([
      expect.stringContaining('王芳 ②'),
    ]))
    const wangs = byTestId(member.page, 'people-person', '[data-role="resident"]')
    await shot(member.page, '2-people-list')
    const confirm = wangs.first().getByTestId('people-confirm')
    expect((await confirm.boundingBox())!.height).toBeGreaterThanOrEqual(44)
    await confirm.click()
    await member.page.getByTestId('people-confirm-yes').click()
    await member.page.getByTestId('personal-link-qr').waitFor({ timeout: 20_000 })
    await shot(member.page, '3-personal-qr')
    const claimUrl = await member.page.getByTestId('personal-link-url').inputValue()
    expect(claimUrl).toContain('#claim=')

    // Her new phone opens it: it is her (the same participant), straight onto the board.
    const newPhone = await e2e.open(PHONE)
    await newPhone.page.goto(claimUrl)
    await newPhone.page.waitForURL(/\/p\/[A-Za-z0-9_-]+$/, { timeout: 20_000 })
    await waitForStatus(newPhone.page, 'connected')
    expect(await savedParticipant(newPhone.page, project.projectId)).toBe(firstId)

    // The same code again, on any device: used, said plainly.
    const again = await e2e.open(PHONE)
    await again.page.goto(claimUrl)
    const refused = again.page.getByTestId('claim-refused')
    await refused.waitFor({ timeout: 20_000 })
    expect(await refused.getAttribute('data-code')).toBe('claim_used')
    await shot(again.page, '4-claim-used')

    // She can add another device herself, from the phone she holds.
    await newPhone.page.getByTestId('open-people').click()
    await newPhone.page.getByTestId('add-device').click()
    await newPhone.page.getByTestId('personal-link-qr').waitFor({ timeout: 20_000 })
    await shot(newPhone.page, '5-add-device')
  })
})
