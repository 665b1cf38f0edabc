import fs from 'node:fs'
import path from 'node:path'
import jpeg from 'jpeg-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { noisyJpeg } from './exportTestKit.js'
import { IMAGES, request } from './httpTestKit.js'
import { api, createProject, uploadAsset, type TestProject } from './workflowTestKit.js'

describe("the base plan's phone rendition", () => {
  let server: TestServer
  let project: TestProject
  let planSrc: string
  let plan: Buffer
  let photo: Buffer
  let poor: Buffer

  beforeAll(async () => {
    // Every picture is made before the first request. Why: encoding a large JPEG in pure JavaScript
    // blocks this process (the server's too) for seconds; made between requests, the next request
    // would go out on a kept-alive connection the server is closing that very moment (ECONNRESET).
    plan = noisyJpeg(2400, 1600, 3)
    photo = noisyJpeg(1600, 2000, 9)
    poor = noisyJpeg(2400, 1600, 11, 40)
    server = await startTestServer()
    project = await createProject(server.url)
    const up = await uploadAsset(server.url, project.projectId, plan, project.organizerToken)
    expect(up.status).toBe(201)
    planSrc = up.body.src as string
  })

  afterAll(async () => {
    await server.stop()
  })

  it('is made when the base plan is set, 1280 px on its long side and smaller in bytes; the project keeps the original', async () => {
    const set = await api(server.url, 'PUT', `/api/projects/${project.projectId}/base-plan`, {
      token: project.organizerToken, body: { src: planSrc, width: 2400, height: 1600 },
    })
    expect(set.status).toBe(200)
    expect(set.body).toMatchObject({ project: { basePlan: { src: planSrc, width: 2400, height: 1600 } } })
    // Made in the background: it appears on disk without anyone asking for it.
    const dir = path.join(server.dataDir, 'renditions', project.projectId)
    await expect.poll(() => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.jpg')) : []), { timeout: 30_000 }).toHaveLength(1)

    const res = await request(server.url, `${planSrc}/small`)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('image/jpeg')
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin')
    expect(res.body.length).toBeLessThan(plan.length / 2)
    const image = jpeg.decode(res.body)
    expect([image.width, image.height]).toEqual([1280, 853])
    // The original stays what it was, at its own address.
    const original = await request(server.url, planSrc)
    expect(original.body.equals(plan)).toBe(true)
    const state = await api(server.url, 'GET', `/api/projects/${project.projectId}`, { token: project.organizerToken })
    expect(state.body).toMatchObject({ project: { basePlan: { src: planSrc } } })
    // Revalidation of the rendition by its own tag.
    const again = await request(server.url, `${planSrc}/small`, { headers: { 'if-none-match': res.headers.etag! } })
    expect(again.status).toBe(304)
    expect(res.headers.etag).not.toBe(original.headers.etag)
  })

  it('is made on first request for an uploaded JPEG nobody set as the plan, and two requests at once share it', async () => {
    const up = await uploadAsset(server.url, project.projectId, photo, project.organizerToken)
    const [a, b] = await Promise.all([request(server.url, `${up.body.src as string}/small`), request(server.url, `${up.body.src as string}/small`)])
    expect(a.status).toBe(200)
    expect(a.body.equals(b.body)).toBe(true)
    const image = jpeg.decode(a.body)
    expect([image.width, image.height]).toEqual([1024, 1280])
  })

  it('spends no more bytes per pixel than an original saved at low quality', async () => {
    const up = await uploadAsset(server.url, project.projectId, poor, project.organizerToken)
    const res = await request(server.url, `${up.body.src as string}/small`)
    expect(res.status).toBe(200)
    const image = jpeg.decode(res.body)
    expect([image.width, image.height]).toEqual([1280, 853])
    expect(res.body.length / (1280 * 853)).toBeLessThanOrEqual(poor.length / (2400 * 1600))
  })

  it('is the original itself where nothing smaller can be made (a PNG, a small JPEG)', async () => {
    for (const [bytes, type] of [[IMAGES.png, 'image/png'], [IMAGES.jpg, 'image/jpeg']] as const) {
      const up = await uploadAsset(server.url, project.projectId, bytes, project.organizerToken)
      const res = await request(server.url, `${up.body.src as string}/small`)
      expect(res.status).toBe(200)
      expect(res.headers['content-type']).toBe(type)
      expect(res.body.equals(bytes)).toBe(true)
    }
  })

  it('answers unknown, malformed and hostile names without touching any other file', async () => {
    const id = project.projectId
    const missing = `/api/boards/${id}/assets/${'a'.repeat(64)}.jpg/small`
    expect((await request(server.url, missing)).status).toBe(404)
    for (const p of [
      `/api/boards/${id}/assets/..%2f..%2fprojects.sqlite/small`,
      `/api/boards/${id}/assets/${'a'.repeat(64)}.jpg.tmp/small`,
      `/api/boards/${id}/assets/%2e%2e/small`,
      `/api/boards/..%2f..%2f/assets/${'a'.repeat(64)}.jpg/small`,
      `/api/boards/${id}/assets/${'a'.repeat(64)}.svg/small`,
    ]) {
      const res = await request(server.url, p)
      expect(res.status, p).toBeGreaterThanOrEqual(400)
      expect(res.status, p).toBeLessThan(500)
    }
    // Another board's image is not this board's: the same name under a board that never had it.
    const other = await createProject(server.url)
    expect((await request(server.url, `/api/boards/${other.projectId}/assets/${planSrc.split('/').pop()!}/small`)).status).toBe(404)
  })
})
