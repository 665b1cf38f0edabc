/**
 * The plan-copy mark's rule (src/shared/boardRules.ts), as the server and the board UI both use it:
 * the design team's, on an image of the base plan only; the UI drops a mark the server would refuse
 * (a resident's duplicate of an option frame) instead of sending it.
 */
import { describe, expect, it } from 'vitest'
import { planCopyProblem, withoutBadPlanCopyMark, type EditActor } from '../../src/shared/boardRules'

const who = (role: EditActor['role']): EditActor => ({ role, participantId: `P-${role}`, linkId: `L-${role}` })
const copy = (assetId = 'asset:baseplan', meta: Record<string, unknown> = { cgPlanCopy: true, other: 1 }) =>
  ({ id: 'shape:c', typeName: 'shape', type: 'image', meta, props: { assetId, w: 10, h: 10 } })

describe('plan copies', () => {
  it('are the design team\'s, and only images of the base plan', () => {
    expect(planCopyProblem(who('expert'), copy())).toBeNull()
    expect(planCopyProblem(who('organizer'), copy())).toBeNull()
    expect(planCopyProblem(who('resident'), copy())).toBe('board_records')
    expect(planCopyProblem(who('committee'), copy())).toBe('board_records')
    expect(planCopyProblem(who('expert'), copy('asset:photo'))).toBe('invalid_record')
    expect(planCopyProblem(who('expert'), copy('asset:baseplan', { cgPlanCopy: 'yes' }))).toBe('invalid_record')
    expect(planCopyProblem(who('resident'), copy('asset:baseplan', {}))).toBeNull()
  })

  it('lose a mark their writer may not give them, and keep everything else', () => {
    const mine = copy()
    expect(withoutBadPlanCopyMark(who('expert'), mine)).toBe(mine)
    expect(withoutBadPlanCopyMark(who('resident'), mine)).toEqual({ ...mine, meta: { other: 1 } })
    expect(withoutBadPlanCopyMark(who('expert'), copy('asset:photo')).meta).toEqual({ other: 1 })
  })
})
