import { useState } from 'react'
import { useComputed, useEditor, useValue, type TLInstancePresence, type TLUserId } from 'tldraw'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import type { Role } from '../shared/workflow'
import { presencePerson, presenceRole } from '../sync/bindPresence'
import { useBoardUi } from './BoardUiContext'
import { CopyLinkButton } from './CopyLinkButton'

interface Person {
  /** The participant on a project board (one person, however many devices), else the tldraw user. */
  key: string
  /** The person's devices, each a tldraw user id (locate and follow pick the most recently active). */
  userIds: TLUserId[]
  name: string
  color: string
  /** On a project board: the role the person's client states (a label, not a permission). */
  role?: Role
}

function samePeople(a: Person[], b: Person[]): boolean {
  return a.length === b.length &&
    a.every((p, i) => p.key === b[i].key && p.userIds.join() === b[i].userIds.join() && p.name === b[i].name &&
      p.color === b[i].color && p.role === b[i].role)
}

/** Who is on the board besides me, one entry per person, and how many more of my own devices are there. */
function groupPeople(collaborators: TLInstancePresence[], myId: TLUserId, myPid: string | null, onProject: boolean) {
  const byKey = new Map<string, Person>()
  let myOtherDevices = 0
  // Presence ids in a fixed order, so the colour shown for a person with two devices does not flicker.
  for (const p of [...collaborators].sort((a, b) => a.id.localeCompare(b.id))) {
    if (p.userId === myId) continue
    // Only on a project board is `pid` the server's word (server/sync/stampAwareness.ts); on a plain
    // board anyone could send one, so people are told apart by their device's user id there.
    const pid = onProject ? presencePerson(p) : undefined
    if (pid !== undefined && pid === myPid) {
      myOtherDevices++
      continue
    }
    const key = pid ?? p.userId
    const seen = byKey.get(key)
    if (seen) {
      if (!seen.userIds.includes(p.userId)) seen.userIds.push(p.userId)
      continue
    }
    const role = presenceRole(p)
    byKey.set(key, { key, userIds: [p.userId], name: p.userName?.trim() ?? '', color: p.color, ...(role && { role }) })
  }
  const peers = [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key))
  return { peers, myOtherDevices }
}

function samePresence(a: ReturnType<typeof groupPeople>, b: ReturnType<typeof groupPeople>): boolean {
  return a.myOtherDevices === b.myOtherDevices && samePeople(a.peers, b.peers)
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
  const { openNameEditor, onProject, myRole, openShare, myParticipantId } = useBoardUi()
  // Open on a laptop; folded on a phone, where the list would cover much of the plan.
  const [open, setOpen] = useState(() => typeof window === 'undefined' || window.innerWidth > 600)

  const myName = useValue('my name', () => editor.user.getName(), [editor])
  const myColor = useValue('my colour', () => editor.user.getColor(), [editor])
  const myId = useValue('my id', () => editor.user.getRecordId(), [editor])
  const followingId = useValue('following', () => editor.getInstanceState().followingUserId, [editor])

  // Presence records change on every cursor move; compare what we show so the panel re-renders
  // only when someone arrives, leaves, or changes name or colour. Idle people stay listed: they
  // are still on the board even when tldraw fades their cursor. One person on two devices (a phone
  // and the community room's laptop) is one entry and counts once.
  const myPid = myParticipantId ?? null
  const $people = useComputed(
    'people on the board',
    () => groupPeople(editor.getCollaborators(), myId, myPid, onProject),
    { isEqual: samePresence },
    [editor, myId, myPid, onProject],
  )
  const { peers, myOtherDevices } = useValue($people)

  /** The device of `person` whose pointer moved last: where they are looking now. */
  const activeDevice = (person: Person): TLUserId => {
    let best: TLInstancePresence | undefined
    for (const p of editor.getCollaborators()) {
      if (person.userIds.includes(p.userId) && (!best || (p.lastActivityTimestamp ?? 0) > (best.lastActivityTimestamp ?? 0))) best = p
    }
    return best?.userId ?? person.userIds[0]
  }

  const toggleFollow = (person: Person) => {
    if (followingId && person.userIds.some((id) => id === followingId)) editor.stopFollowingUser()
    else editor.startFollowingUser(activeDevice(person))
  }

  const title = format(t.people.title, { count: peers.length + 1 })
  const devicesNote = (count: number) => (count > 1 ? <span className="person__devices">{format(t.people.devices, { count })}</span> : null)

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
            <li className="person person--self" data-testid="person" data-name={myName} data-role={myRole} data-self="true" data-devices={myOtherDevices + 1}>
              <span className="person__dot" style={{ background: myColor }} aria-hidden="true" />
              <span className="person__who">
                <span className="person__name">
                  {myName} <span className="person__you">{t.people.you}</span>
                </span>
                {devicesNote(myOtherDevices + 1)}
                {myRole && <RoleTag role={myRole} />}
              </span>
              <button type="button" className="person__action" onClick={openNameEditor}>
                {t.people.changeName}
              </button>
            </li>
            {peers.map((p) => {
              const name = p.name || t.people.anonymous
              const following = followingId !== null && p.userIds.some((id) => id === followingId)
              return (
                <li key={p.key} className="person" data-testid="person" data-name={name} data-role={p.role} data-devices={p.userIds.length}>
                  <button
                    type="button"
                    className="person__locate"
                    onClick={() => editor.zoomToUser(activeDevice(p))}
                  >
                    <span className="person__dot" style={{ background: p.color }} aria-hidden="true" />
                    <span className="person__who">
                      <span className="person__name">{name}</span>
                      {p.role && <RoleTag role={p.role} />}
                      {devicesNote(p.userIds.length)}
                    </span>
                  </button>
                  <button
                    type="button"
                    className={`person__action${following ? ' person__action--on' : ''}`}
                    data-testid="follow-person"
                    aria-pressed={following}
                    aria-label={format(following ? t.people.stopFollowLabel : t.people.followLabel, { name })}
                    onClick={() => toggleFollow(p)}
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
