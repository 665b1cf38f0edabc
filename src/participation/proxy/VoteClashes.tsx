/**
 * Under a vote, for the committee and organizer: residents who voted on their own phone after the
 * committee had entered their ballot. Keep the entered ballot, or remove it so she votes herself;
 * the server records which, and by whom.
 */
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import type { Vote } from '../../shared/participation'
import type { VoteClash } from '../../shared/proxyEntry'
import { useAction } from '../negotiate/useAction'
import { when } from '../negotiate/when'
import { resolveClash } from './proxyClient'
import { useProxyRecord } from './useProxyRecord'

export function VoteClashes({ vote }: { vote: Vote }) {
  const { t } = useI18n()
  const record = useProxyRecord()
  const clashes = (record?.clashes ?? []).filter((c) => c.voteId === vote.id)
  if (clashes.length === 0) return null
  return (
    <section className="px-clashes" data-testid="vote-clashes" aria-label={t.proxy.clashesHeading}>
      <h5 className="px-heading">{t.proxy.clashesHeading}</h5>
      <ul>
        {clashes.map((c) => <ClashRow key={c.id} clash={c} open={vote.status === 'open'} />)}
      </ul>
    </section>
  )
}

function ClashRow({ clash, open }: { clash: VoteClash; open: boolean }) {
  const { t, lang } = useI18n()
  const { busy, error, act } = useAction()
  const p = t.proxy
  return (
    <li className="px-clash" data-testid="vote-clash">
      <p>{format(p.clash, { name: clash.name, time: when(clash.at, lang) })}</p>
      {clash.kept !== null ? (
        <p className="px-muted">{format(clash.kept === 'committee' ? p.clashKept : p.clashOwn, { by: clash.resolvedByName ?? '' })}</p>
      ) : (
        <div className="px-clash__actions">
          <button type="button" className="button px-big" data-testid="clash-keep-committee" disabled={busy} onClick={() => void act((c, o) => resolveClash(c, clash.id, 'committee', o))}>
            {p.keepCommittee}
          </button>
          {open && (
            <button type="button" className="button button--danger px-big" data-testid="clash-keep-own" disabled={busy} onClick={() => void act((c, o) => resolveClash(c, clash.id, 'own', o))}>
              {p.keepOwn}
            </button>
          )}
        </div>
      )}
      {error && <p className="ng-error" role="alert">{error}</p>}
    </li>
  )
}
