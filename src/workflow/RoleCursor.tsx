import { DefaultCursor, useEditor, useValue, type TLCursorProps } from 'tldraw'
import { useI18n } from '../i18n/I18nProvider'
import { presenceRole } from '../sync/bindPresence'

/**
 * A collaborator's cursor labelled with their role on a project board: "李阿姨 · 居民".
 * The role is what the other client states in its presence (a label, not a permission).
 */
export function RoleCursor(props: TLCursorProps) {
  const editor = useEditor()
  const { t } = useI18n()
  // Presence changes on every pointer move; the role string changes almost never.
  const role = useValue(
    'cursor role',
    () => {
      const presence = editor.getCollaborators().find((p) => p.userId === props.userId)
      return presence ? presenceRole(presence) : undefined
    },
    [editor, props.userId],
  )
  const name = role && props.name ? `${props.name} · ${t.workflow.roles[role]}` : props.name
  return <DefaultCursor {...props} name={name} />
}
