/** The English strings of moderation (the Chinese table, ../zh/moderation.ts, is the source). */
import { plural } from './plural.js'

export const moderationStrings = {
  moderation: {
    hideNeed: 'Hide this',
    hidePhoto: 'Hide photo',
    hideComment: 'Hide',
    titles: {
      need: 'Hide this need',
      photo: 'Hide this photo',
      comment: 'Hide this comment',
    },
    intro: 'Once hidden, others no longer see it; whoever wrote it still does, with the reason. It can be restored at any time; nothing is lost.',
    reasonLabel: 'Why hide it?',
    reasons: {
      personal: 'Personal information',
      offTopic: 'Not about this project',
      offensive: 'Offensive language',
      duplicate: 'Duplicate',
      other: 'Other',
    },
    noteLabel: 'A few words more (optional)',
    noteLabelRequired: 'Say why',
    noteRequired: 'You chose "Other": please say why.',
    confirm: 'Hide it',
    cancel: 'Do not hide',
    busy: 'One moment…',
    hiddenBy: 'Hidden by the {who}: {reason}',
    photoHiddenBy: 'Photo hidden by the {who}: {reason}',
    byLine: 'by {name}, {time}',
    authorNote: 'Others no longer see this; only you, the committee and the organizer do.',
    moderatorNote: 'Others do not see this.',
    restore: 'Restore',
    restorePhoto: 'Restore photo',
    hiddenList: plural('count', { one: 'Hidden ({count})', other: 'Hidden ({count})' }),
    hiddenListIntro: 'Others do not see these. "Restore" brings one back as it was.',
    hiddenListEmpty: 'Nothing is hidden now.',
    kinds: {
      need: 'need',
      photo: 'photo',
      comment: 'comment',
    },
    gone: '(deleted)',
    historyTitle: 'Record of hiding and restoring',
    historyHide: '{name} hid a {kind}: {reason}',
    historyRestore: '{name} restored a {kind}',
  },
} as const
