/**
 * The live board's tldraw editor, for the export dialog, which sits outside <Tldraw> (in the stage
 * bar's chrome) where `useEditor` cannot reach. ExportEditorBridge, rendered inside <Tldraw>,
 * publishes it here. One live board per page, so one slot.
 */
import { useSyncExternalStore } from 'react'
import type { Editor } from 'tldraw'

let current: Editor | null = null
const listeners = new Set<() => void>()

export function setExportEditor(editor: Editor | null): void {
  if (current === editor) return
  current = editor
  for (const listener of listeners) listener()
}

/** Lifecycle: a board that unmounts clears only its own editor, never a newer board's. */
export function clearExportEditor(editor: Editor): void {
  if (current === editor) setExportEditor(null)
}

export function getExportEditor(): Editor | null {
  return current
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The live board's editor, or null while the board is not mounted. */
export function useExportEditor(): Editor | null {
  return useSyncExternalStore(subscribe, getExportEditor, () => null)
}
