import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiRequestError, getClientConfig, requestJson } from '../../src/net/api'
import { strings } from '../../src/i18n/strings'
import { isBoardInfo } from '../../src/shared/api'
import { isParticipationState } from '../../src/shared/participation'

const t = strings['zh-CN']
const opts = { t, lang: 'zh-CN' }

function answer(body: string, status = 200): void {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(body, { status, headers: { 'content-type': 'application/json' } })))
}

async function failure(promise: Promise<unknown>): Promise<ApiRequestError> {
  const err: unknown = await promise.then(() => null, (e: unknown) => e)
  if (!(err instanceof ApiRequestError)) throw new Error(`expected an ApiRequestError, got ${String(err)}`)
  return err
}

describe('answers are checked where they arrive', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('hands over an answer of the promised shape', async () => {
    answer(JSON.stringify({ id: 'b1', name: '花园', createdAt: 1, extra: 'a newer server may add fields' }))
    await expect(requestJson('/api/boards/b1', { method: 'GET' }, isBoardInfo, opts)).resolves.toMatchObject({ id: 'b1', name: '花园' })
  })

  it('turns an answer of another shape into a server error with the code bad_response', async () => {
    answer(JSON.stringify({ tldrawLicenseKey: null, maxUploadBytes: '10 MB', shareOrigin: null }))
    const err = await failure(getClientConfig(opts))
    expect(err).toMatchObject({ status: 502, code: 'bad_response', message: t.errors.server })
  })

  it('does so for a success that is not JSON at all (a proxy’s page)', async () => {
    answer('<!doctype html><p>Bad gateway</p>')
    expect(await failure(getClientConfig(opts))).toMatchObject({ status: 502, code: 'bad_response' })
  })

  it('checks nested records too: a list that is not one fails here, not in a component', async () => {
    const state = { revision: 1, categories: [], needs: null, options: [], threads: [], votes: [], revisions: [], approvals: [], quorum: null, agreements: [], reopens: [] }
    expect(isParticipationState(state)).toBe(false)
    expect(isParticipationState({ ...state, needs: [] })).toBe(true)
  })

  it('keeps the server’s code of a refusal it knows, and drops one it does not', async () => {
    answer(JSON.stringify({ error: 'You have already voted.', code: 'already_voted' }), 409)
    expect(await failure(getClientConfig(opts))).toMatchObject({ status: 409, code: 'already_voted', serverMessage: 'You have already voted.' })
    answer(JSON.stringify({ error: 'Something new.', code: 'something_new' }), 409)
    expect(await failure(getClientConfig(opts))).toMatchObject({ status: 409, code: null, serverMessage: 'Something new.' })
  })
})
