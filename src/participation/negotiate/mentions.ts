/**
 * Role mentions in a comment: "@居委" (or "@committee") in the text calls on that role, as does the
 * mention picker. The server stores the list it is sent; detection happens here, as people type.
 */
import { ROLES, type Role } from '../../shared/workflow'

/** What people write after "@" for each role, Chinese first; English matched case-insensitively. */
const ALIASES: Record<Role, readonly string[]> = {
  organizer: ['组织者', 'organizer', 'organiser'],
  expert: ['专家', 'experts', 'expert'],
  committee: ['居委会', '居委', 'committee'],
  resident: ['居民们', '居民', 'residents', 'resident'],
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const ALIAS_ROLE = new Map<string, Role>(
  ROLES.flatMap((role) => ALIASES[role].map((alias) => [alias.toLowerCase(), role] as const)),
)
// Longest alias first, so "@居委会" is one mention rather than "@居委" followed by "会". Not after a
// letter or digit: "li@expert.org" is an e-mail address, not a mention.
const PATTERN = new RegExp(
  `(?<![A-Za-z0-9._%+-])[@＠]\\s?(${[...ALIAS_ROLE.keys()].sort((a, b) => b.length - a.length).map(escape).join('|')})`,
  'gi',
)

/** The roles a text mentions with "@…", in ROLES order, each once. */
export function detectMentions(text: string): Role[] {
  const found = new Set<Role>()
  for (const match of text.matchAll(PATTERN)) {
    const role = ALIAS_ROLE.get(match[1].toLowerCase())
    if (role) found.add(role)
  }
  return ROLES.filter((r) => found.has(r))
}

/** The mentions to send: those typed in the text plus the one picked (if any), in ROLES order. */
export function mentionsFor(text: string, picked: Role | null): Role[] {
  const roles = new Set(detectMentions(text))
  if (picked) roles.add(picked)
  return ROLES.filter((r) => roles.has(r))
}
