/**
 * The English strings of private mode ("think first on your own"): the keys and placeholders of
 * ../zh/privateMode.ts.
 */
import type { Translation } from '../messages.js'
import type { privateModeStrings as zh } from '../zh/privateMode.js'
import { plural } from './plural.js'

export const privateModeStrings = {
  privateMode: {
    tool: 'Think alone first',
    toolLabel: 'Let everyone think on their own first; you reveal it all together',
    startTitle: 'Think first on your own',
    introNeeds: 'Once started, each person sees only the needs they add. When you press “Reveal to everyone”, everyone’s needs appear at once, and then everyone can tick.',
    introComments: 'Once started, each person sees only their own comments on the options. When you press “Reveal to everyone”, everyone’s comments appear at once.',
    leadersLabel: 'Meanwhile, what do the organizer and the committee see?',
    leadersCounts: 'Only how many there are (nobody looks first: fairer)',
    leadersContent: 'What they say (to get ready sooner)',
    start: 'Start thinking alone',
    cancel: 'Not now',
    bannerNeeds: 'Think first on your own: you see only the needs you add. Everyone sees them all when the organizer reveals them.',
    bannerComments: 'Think first on your own: you see only your own comments on the options. Everyone sees them all when the organizer reveals them.',
    bannerLeadersContent: 'Think first on your own: residents and experts see only their own; you see everything. Everyone sees it all after the reveal.',
    bannerLeadersCounts: 'Think first on your own: each person sees only their own; you see only how many. Everyone sees it all after the reveal.',
    count: plural('count', { one: 'Everyone has written {count} so far, {mine} of them yours.', other: 'Everyone has written {count} so far, {mine} of them yours.' }),
    ticksLater: 'Ticking opens once the organizer reveals everyone’s needs.',
    reveal: 'Reveal to everyone',
    stageMoveReveals: 'Moving to another stage reveals it too.',
    revealing: 'Revealing…',
    revealedNeeds: 'The organizer revealed everything: you now see everyone’s needs and can tick.',
    revealedComments: 'The organizer revealed everything: you now see everyone’s comments on the options.',
    dismiss: 'OK',
    mergeLater: 'This need was added while everyone thinks on their own; it can be merged once the organizer reveals everything.',
  },
} as const satisfies Translation<typeof zh>
