/**
 * The project board's editor code (tldraw, ~1.7 MB), fetched when `wanted`: at once on a laptop, and
 * on a phone once the light view has drawn the plan (ProjectBoardPage), so the plan's picture is not
 * sharing the phone's connection with tldraw. A failed fetch (offline before it was ever cached)
 * is forgotten and tried again when the browser is back online or `retry` is called.
 */
import { useCallback, useEffect, useState } from 'react'
import type { ProjectBoardEditor } from './ProjectBoardEditor'

type EditorComponent = typeof ProjectBoardEditor

let pending: Promise<EditorComponent> | null = null
let loaded: EditorComponent | null = null

function loadEditor(): Promise<EditorComponent> {
  pending ??= import('./ProjectBoardEditor').then(
    (m) => (loaded = m.ProjectBoardEditor),
    (err: unknown) => {
      pending = null
      throw err
    },
  )
  return pending
}

export interface EditorCode {
  Editor: EditorComponent | null
  failed: boolean
  retry: () => void
}

export function useEditorCode(wanted: boolean): EditorCode {
  const [Editor, setEditor] = useState<EditorComponent | null>(() => loaded)
  const [failed, setFailed] = useState(false)
  const [attempt, setAttempt] = useState(0)
  const retry = useCallback(() => {
    setFailed(false)
    setAttempt((a) => a + 1)
  }, [])
  useEffect(() => {
    if (!wanted || Editor) return
    let live = true
    loadEditor().then(
      (component) => live && setEditor(() => component),
      (err: unknown) => {
        console.warn('[board] could not load the editor', err)
        if (live) setFailed(true)
      },
    )
    return () => {
      live = false
    }
  }, [wanted, Editor, attempt])
  useEffect(() => {
    if (!failed) return
    window.addEventListener('online', retry)
    return () => window.removeEventListener('online', retry)
  }, [failed, retry])
  return { Editor, failed, retry }
}
