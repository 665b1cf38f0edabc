import { useState } from 'react'
import { useComputed, useEditor, useValue, type TLUserId } from 'tldraw'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import type { Role } from '../shared/workflow'
import { presenceRole } from '../sync/bindPresence'
import { useBoardUi } from './BoardUiContext'
import { CopyLinkButton } from './CopyLinkButton'

interface Person {
  userId: TLUserId
  name: string
  color: string
  /** On a project board: the role the person's client states (a label, not a permission). */
  role?: Role
}

function samePeople(a: Person[], b: Person[]): boolean {
  return a.length === b.length &&
    a.every((p, i) => p.userId === b[i].userId && p.name === b[i].name && p.color === b[i].color && p.role === b[i].role)
}

function RoleTag({ role }: { role: Role }) {
  const { t } = useI18n()
  return (
    <span className={`person__role person__role--${role}`} title={format(t.workflow.people.roleLabel, { role: t.workflow.roles[role] })}>
      {t.workflow.roles[role]}
    </span>
  )
}

/**
 * Who is on the board, with names always written out (tldraw's own people menu shows only
 * coloured initials until opened). Placed in tldraw's SharePanel slot, top right.
 */
export function PeoplePanel() {
  const editor = useEditor()
  const { t } = useI18n()
  const { openNameEditor, onProject, myRole, openShare } = useBoardUi()
  // Open on a laptop; folded on a phone, where the list would cover much of the plan.
  const [open, setOpen] = useState(() => typeof window === 'undefined' || window.innerWidth > 600)

  const myName = useValue('my name', () => editor.user.getName(), [editor])
  const myColor = useValue('my colour', () => editor.user.getColor(), [editor])
  const myId = useValue('my id', () => editor.user.getRecordId(), [editor])
  const followingId = useValue('following', () => editor.getInstanceState().followingUserId, [editor])

  // Presence records change on every cursor move; compare what we show so the panel re-renders
  // only when someone arrives, leaves, or changes name or colour. Idle people stay listed: they
  // are still on the board even when tldraw fades their cursor.
  const $peers = useComputed(
    'people on the board',
    () => {
      const byId = new Map<TLUserId, Person>()
      for (const p of editor.getCollaborators()) {
        if (p.userId === myId) continue
        const role = presenceRole(p)
        byId.set(p.userId, { userId: p.userId, name: p.userName?.trim() ?? '', color: p.color, ...(role && { role }) })
      }
      return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId))
    },
    { isEqual: samePeople },
    [editor, myId],
  )
  const peers = useValue($peers)

  const toggleFollow = (userId: TLUserId) => {
    if (followingId === userId) editor.stopFollowingUser()
    else editor.startFollowingUser(userId)
  }

  const title = format(t.people.title, { count: peers.length + 1 })

  return (
    <section className="people-panel" aria-label={title}>
      <button
        type="button"
        className="people-panel__toggle"
        data-testid="people-toggle"
        aria-expanded={open}
        title={open ? t.people.hide : t.people.show}
        onClick={() => setOpen(!open)}
      >
        <span>{title}</span>
        <span aria-hidden="true">{open ? '▴' : '▾'}</span>
      </button>
      {open && (
        <>
          <ul className="people-panel__list" data-testid="people-list">
            <li className="person person--self" data-testid="person" data-name={myName} data-role={myRole} data-self="true">
              <span className="person__dot" style={{ background: myColor }} aria-hidden="true" />
              <span className="person__who">
                <span className="person__name">
                  {myName} <span className="person__you">{t.people.you}</span>
                </span>
                {myRole && <RoleTag role={myRole} />}
              </span>
              <button type="button" className="person__action" onClick={openNameEditor}>
                {t.people.changeName}
              </button>
            </li>
            {peers.map((p) => {
              const name = p.name || t.people.anonymous
              const following = followingId === p.userId
              return (
                <li key={p.userId} className="person" data-testid="person" data-name={name} data-role={p.role}>
                  <button
                    type="button"
                    className="person__locate"
                    onClick={() => editor.zoomToUser(p.userId)}
                  >
                    <span className="person__dot" style={{ background: p.color }} aria-hidden="true" />
                    <span className="person__who">
                      <span className="person__name">{name}</span>
                      {p.role && <RoleTag role={p.role} />}
                    </span>
                  </button>
                  <button
                    type="button"
                    className={`person__action${following ? ' person__action--on' : ''}`}
                    data-testid="follow-person"
                    aria-pressed={following}
                    aria-label={format(following ? t.people.stopFollowLabel : t.people.followLabel, { name })}
                    onClick={() => toggleFollow(p.userId)}
                  >
                    {following ? t.people.following : t.people.follow}
                  </button>
                </li>
              )
            })}
          </ul>
          {peers.length === 0 && <p className="people-panel__alone">{t.people.alone}</p>}
          {/* A project board's address opens nothing without a role link: invite through the share panel. */}
          {!onProject && <CopyLinkButton />}
          {openShare && (
            <div className="copy-link">
              <button type="button" className="copy-link__button" onClick={openShare}>
                {t.workflow.tools.shareLabel}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  )
}
