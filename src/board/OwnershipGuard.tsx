/**
 * The board UI side of the ownership rules (src/shared/boardRules.ts): a change the server would
 * refuse — moving an expert's design option, deleting the base plan, renaming the page — is not
 * made in the first place, so a resident who touches someone else's shape sees it stay put rather
 * than have her whole board reopened after a refusal. The server enforces the same rules anyway.
 *
 * Only `source === 'user'` changes are stopped: blocking a remote change would make this store drift
 * from the Y.Doc (../shared/TLDRAW-YJS.md).
 *
 * The server records a record's owner only after it has accepted the create, so for a while (a
 * round trip; offline, until the next connection) the person's own new shape has no owner. A record
 * created in this browser, by this person, and not yet stamped is hers: otherwise a stroke would
 * lose the points drawn before the stamp arrived, and a new note would refuse its first letters.
 * The board's own records (document, pages, base plan) never count as hers this way.
 */
import { useEffect } from 'react'
import { useEditor, type TLRecord } from 'tldraw'
import type * as Y from 'yjs'
import { isBoardRecord, isRecordOwner, mayChangeRecord, withoutBadPlanCopyMark, type EditActor, type RecordOwner } from '../shared/boardRules'

const GUARDED = ['shape', 'binding', 'asset', 'page', 'document'] as const

function ownerIn(owners: Y.Map<unknown>, id: string): RecordOwner | undefined {
  const o = owners.get(id)
  return isRecordOwner(o) ? o : undefined
}

/**
 * The ids of the records this person created in this browser, per board doc: a reopened board is a
 * new doc (what was refused is gone with the old one), and the set outlives a change of actor.
 */
const createdHere = new WeakMap<Y.Doc, Set<string>>()

function createdIn(doc: Y.Doc): Set<string> {
  let set = createdHere.get(doc)
  if (!set) {
    set = new Set()
    createdHere.set(doc, set)
  }
  return set
}

export function OwnershipGuard({ doc, actor }: { doc: Y.Doc; actor: EditActor }) {
  const editor = useEditor()
  const { role, participantId, linkId } = actor
  useEffect(() => {
    const me: EditActor = { role, participantId, linkId }
    const owners = doc.getMap<unknown>('owners')
    const created = createdIn(doc)
    const mayChange = (record: TLRecord): boolean => {
      const owner = ownerIn(owners, record.id)
      // Made here and not stamped yet: hers (the server will stamp it so), unless a board record.
      if (owner === undefined && created.has(record.id) && !isBoardRecord(record.id, record)) return true
      return mayChangeRecord(me, record.id, record, owner) === null
    }
    const allowed = (record: TLRecord): boolean => {
      if (mayChange(record)) return true
      if (record.typeName !== 'binding') return false
      // A binding follows the shapes it joins (as on the server).
      return [record.fromId, record.toId].some((end) => {
        const shape = end ? editor.store.get(end) : undefined
        return shape !== undefined && mayChange(shape)
      })
    }
    const offs: (() => void)[] = []
    // A plan copy's mark the server would refuse from this person (boardRules planCopyProblem) is dropped.
    offs.push(editor.sideEffects.registerBeforeCreateHandler('shape', (next, source) => (source === 'user' ? withoutBadPlanCopyMark(me, next) : next)))
    offs.push(editor.sideEffects.registerBeforeChangeHandler('shape', (_prev, next, source) => (source === 'user' ? withoutBadPlanCopyMark(me, next) : next)))
    for (const type of GUARDED) {
      offs.push(
        editor.sideEffects.registerAfterCreateHandler(type, (record, source) => {
          if (source === 'user') created.add(record.id)
        }),
      )
      offs.push(editor.sideEffects.registerBeforeChangeHandler(type, (prev, next, source) => (source === 'user' && !allowed(prev) ? prev : next)))
      offs.push(editor.sideEffects.registerBeforeDeleteHandler(type, (record, source) => (source === 'user' && !allowed(record) ? false : undefined)))
    }
    return () => {
      for (const off of offs) off()
    }
  }, [editor, doc, role, participantId, linkId])
  return null
}
