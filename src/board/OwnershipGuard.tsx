/**
 * The board UI side of the ownership rules (src/shared/boardRules.ts): a change the server would
 * refuse — moving an expert's design option, deleting the base plan, renaming the page — is not
 * made in the first place, so a resident who touches someone else's shape sees it stay put rather
 * than have her whole board reopened after a refusal. The server enforces the same rules anyway.
 *
 * Only `source === 'user'` changes are stopped: blocking a remote change would make this store drift
 * from the Y.Doc (../shared/TLDRAW-YJS.md).
 */
import { useEffect } from 'react'
import { useEditor, type TLRecord } from 'tldraw'
import type * as Y from 'yjs'
import { isRole } from '../shared/workflow'
import { mayChangeRecord, type EditActor, type RecordOwner } from '../shared/boardRules'

const GUARDED = ['shape', 'binding', 'asset', 'page', 'document'] as const

function ownerIn(owners: Y.Map<unknown>, id: string): RecordOwner | undefined {
  const o = owners.get(id) as RecordOwner | undefined
  return o && typeof o === 'object' && typeof o.l === 'string' && isRole(o.r) ? o : undefined
}

export function OwnershipGuard({ doc, actor }: { doc: Y.Doc; actor: EditActor }) {
  const editor = useEditor()
  useEffect(() => {
    const owners = doc.getMap<unknown>('owners')
    const allowed = (record: TLRecord): boolean => {
      const code = mayChangeRecord(actor, record.id, record, ownerIn(owners, record.id))
      if (code === null) return true
      if (record.typeName !== 'binding') return false
      // A binding follows the shapes it joins (as on the server).
      const b = record as TLRecord & { fromId?: string; toId?: string }
      return [b.fromId, b.toId].some((end) => {
        const shape = end ? editor.store.get(end as TLRecord['id']) : undefined
        return shape !== undefined && mayChangeRecord(actor, shape.id, shape, ownerIn(owners, shape.id)) === null
      })
    }
    const offs: (() => void)[] = []
    for (const type of GUARDED) {
      offs.push(editor.sideEffects.registerBeforeChangeHandler(type, (prev, next, source) => (source === 'user' && !allowed(prev) ? prev : next)))
      offs.push(editor.sideEffects.registerBeforeDeleteHandler(type, (record, source) => (source === 'user' && !allowed(record) ? false : undefined)))
    }
    return () => {
      for (const off of offs) off()
    }
  }, [editor, doc, actor])
  return null
}
