/**
 * A read-only tldraw store holding a board as one Yjs update describes it (e.g. the snapshot the
 * server kept at a stage move). Nothing is connected: the doc is read once and thrown away.
 */
import * as Y from 'yjs'
import {
  atom,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  type TLAssetStore,
  type TLStore,
} from 'tldraw'
import { bindStoreToYDoc } from './bindStoreToYDoc'

export function storeFromBoardUpdate(update: Uint8Array, assets: TLAssetStore): TLStore {
  const doc = new Y.Doc()
  try {
    // Throws on bytes that are not a Yjs update: the caller shows that the record cannot be opened.
    Y.applyUpdate(doc, update)
    const store = createTLStore({
      shapeUtils: defaultShapeUtils,
      bindingUtils: defaultBindingUtils,
      assets,
      // Read-only through the collaboration mode, which tldraw applies to every editor on this store.
      collaboration: { status: null, mode: atom('history mode', 'readonly' as const) },
    })
    // The same reading as a live board (schema migration, bad records skipped), bound once only.
    const unbind = bindStoreToYDoc(store, doc)
    unbind()
    return store
  } finally {
    doc.destroy()
  }
}
