import { createPortal } from 'react-dom'
import { useEditor, useValue } from 'tldraw'
import { useParticipationState } from '../ParticipationContext'
import { CategoriesDialog } from './CategoriesDialog'
import { MergeDialog } from './MergeDialog'
import { NeedCard } from './NeedCard'
import { NeedGroupDialog } from './NeedGroupDialog'
import { NeedForm } from './NeedForm'
import { needsUiState } from './needsUiState'

/**
 * Every needs dialog, opened from a pin or from the needs tab. Portalled to <body>: the canvas layer
 * this is mounted in sits below tldraw's UI and the side panel, and a dialog must cover them all.
 */
export function NeedSheets() {
  const editor = useEditor()
  const state = needsUiState(editor)
  const sheet = useValue(state.sheet)
  const { participation } = useParticipationState()
  const close = () => state.sheet.set({ kind: 'none' })

  let content = null
  switch (sheet.kind) {
    case 'add':
      content = <NeedForm mode={{ kind: 'add', x: sheet.x, y: sheet.y }} onClose={close} />
      break
    case 'edit': {
      const need = participation?.needs.find((n) => n.id === sheet.needId)
      content = need ? <NeedForm key={need.id} mode={{ kind: 'edit', need }} onClose={() => state.sheet.set({ kind: 'card', needId: need.id })} /> : null
      break
    }
    case 'card':
      content = <NeedCard key={sheet.needId} needId={sheet.needId} onClose={close} />
      break
    case 'group':
      content = <NeedGroupDialog needIds={sheet.needIds} onClose={close} onOpen={(needId) => state.sheet.set({ kind: 'card', needId })} />
      break
    case 'merge':
      content = <MergeDialog needId={sheet.needId} onClose={close} />
      break
    case 'categories':
      content = <CategoriesDialog onClose={close} />
      break
  }
  return content ? createPortal(content, document.body) : null
}
