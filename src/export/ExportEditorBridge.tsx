import { useEffect } from 'react'
import { useEditor } from 'tldraw'
import { clearExportEditor, setExportEditor } from './exportEditor'

/** Render inside <Tldraw> on a project board: makes its editor available to the export dialog. */
export function ExportEditorBridge() {
  const editor = useEditor()
  useEffect(() => {
    setExportEditor(editor)
    return () => clearExportEditor(editor)
  }, [editor])
  return null
}
