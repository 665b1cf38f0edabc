/**
 * PUT /api/projects/:id/base-plan and PUT /api/projects/:id/scale: the organizer places the site plan
 * (an image already uploaded to this project's board) and says how long a canvas unit is in metres.
 * Both answer the organizer's new ProjectState, and every open event stream gets it too.
 */
import { NORTH_DEGREES, type BasePlan, type PlanScale } from '../../src/shared/projectApi.js'
import type { AssetStore } from '../storage/AssetStore.js'
import { stateFor } from '../workflow/projectViews.js'
import type { Workflow } from '../workflow/Workflow.js'
import { assetContentType } from '../storage/assetFiles.js'
import { HttpError } from './HttpError.js'
import type { PlanRenditions } from './planRendition.js'
import { projectAssetFile } from './projectAsset.js'
import { authorizeOrganizer, jsonObject, type Body } from './projectRequest.js'
import { sendJson } from './respond.js'
import type { Handler, Route } from './router.js'

/** Larger than any phone photo or scanned plan; beyond it a "size" is a mistake, not an image. */
export const BASE_PLAN_MAX_PIXELS = 20_000
/** From a micrometre to ten kilometres per canvas unit: anything outside is a slip of the finger. */
export const METRES_PER_UNIT_MIN = 1e-6
export const METRES_PER_UNIT_MAX = 1e4

export function projectSettingsRoutes(assets: AssetStore, workflow: Workflow, renditions: PlanRenditions): Route[] {
  const setBasePlan: Handler = async ({ req, res, params }) => {
    const { project, link, participant } = authorizeOrganizer(req, workflow, params.id)
    const body = await jsonObject(req)
    const plan = await readBasePlan(body, project.id, assets)
    workflow.setBasePlan(project.id, plan)
    sendJson(res, 200, stateFor(workflow.sharedState(project.id)!, link, participant))
    // Made now, in the background, so the first resident's phone does not wait for the decode; a
    // failure here only means the first request makes it (or the original is shown).
    renditions.ensure(project.id, plan.src.slice(plan.src.lastIndexOf('/') + 1)).catch((err: unknown) => {
      console.error(`[rendition] could not make the base plan's phone rendition for ${project.id}:`, err)
    })
  }

  const setScale: Handler = async ({ req, res, params }) => {
    const { project, link, participant } = authorizeOrganizer(req, workflow, params.id)
    const body = await jsonObject(req)
    const m = body.metresPerUnit
    if (typeof m !== 'number' || !Number.isFinite(m) || m < METRES_PER_UNIT_MIN || m > METRES_PER_UNIT_MAX) {
      throw new HttpError(400, 'invalid_metresPerUnit',
        `"metresPerUnit" must be a number from ${METRES_PER_UNIT_MIN} to ${METRES_PER_UNIT_MAX}: draw the scale line over a known distance and type its length in metres again.`)
    }
    // North is optional in the body: left out, the direction saved before stays (a scale drawn again
    // over a longer line does not turn the plan).
    const north = body.northDegrees
    if (north !== undefined && north !== null && !(NORTH_DEGREES as readonly unknown[]).includes(north)) {
      throw new HttpError(400, 'invalid_northDegrees', `"northDegrees" must be one of ${NORTH_DEGREES.join(', ')} (degrees clockwise from the plan's top) or null.`)
    }
    const northDegrees = north === undefined ? project.scale?.northDegrees ?? null : typeof north === 'number' ? north : null
    const scale: PlanScale = { metresPerUnit: m, northDegrees }
    workflow.setScale(project.id, scale)
    sendJson(res, 200, stateFor(workflow.sharedState(project.id)!, link, participant))
  }

  return [
    { pattern: '/api/projects/:id/base-plan', methods: { PUT: setBasePlan } },
    { pattern: '/api/projects/:id/scale', methods: { PUT: setScale } },
  ]
}

async function readBasePlan(body: Body, projectId: string, assets: AssetStore): Promise<BasePlan> {
  const { src, file } = await projectAssetFile(body.src, 'src', projectId, assets)
  const width = pixels(body, 'width')
  const height = pixels(body, 'height')
  // The type is the one the server sniffed at upload; a different claim is a client mix-up.
  const mimeType = assetContentType(file)
  if (body.mimeType !== undefined && body.mimeType !== mimeType) {
    throw new HttpError(400, 'invalid_mimeType', `"mimeType" does not match the uploaded image, which is ${mimeType}; send "${mimeType}" or leave it out.`)
  }
  return { src, width, height, mimeType }
}

function pixels(body: Body, key: 'width' | 'height'): number {
  const v = body[key]
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > BASE_PLAN_MAX_PIXELS) {
    throw new HttpError(400, `invalid_${key}`, `"${key}" must be the image's ${key} in pixels: a whole number from 1 to ${BASE_PLAN_MAX_PIXELS}.`)
  }
  return v
}
