/**
 * The Chinese strings of moderation: hiding a need, a photo or a comment with a reason, what its
 * author sees, and the organizer's and committee's list of hidden items with their record. Part of
 * the table assembled in ./index.ts.
 */
import { plural } from './plural.js'

export const moderationStrings = {
  moderation: {
    hideNeed: '隐藏这条',
    hidePhoto: '隐藏照片',
    hideComment: '隐藏',
    titles: {
      need: '隐藏这条需求',
      photo: '隐藏这张照片',
      comment: '隐藏这条留言',
    },
    intro: '隐藏后，其他人就看不到了；写的人自己还能看到，也能看到原因。随时可以恢复，什么都不会丢。',
    reasonLabel: '为什么隐藏？',
    reasons: {
      personal: '含个人隐私',
      offTopic: '与本项目无关',
      offensive: '不文明用语',
      duplicate: '重复',
      other: '其他',
    },
    noteLabel: '补充说明（可以不写）',
    noteLabelRequired: '请写明原因',
    noteRequired: '选了“其他”，请写明原因。',
    confirm: '确定隐藏',
    cancel: '不隐藏了',
    busy: '请稍候…',
    /** {who}: the role that hid it (居委, 组织者). */
    hiddenBy: '已被{who}隐藏：{reason}',
    photoHiddenBy: '照片已被{who}隐藏：{reason}',
    byLine: '{name}，{time}隐藏',
    authorNote: '其他人已经看不到了，只有您自己和居委、组织者能看到。',
    moderatorNote: '其他人看不到。',
    restore: '恢复',
    restorePhoto: '恢复照片',
    hiddenList: plural('count', { other: '已隐藏 ({count})' }),
    hiddenListIntro: '这些内容其他人看不到。点“恢复”，就原样回来。',
    hiddenListEmpty: '现在没有隐藏的内容。',
    kinds: {
      need: '需求',
      photo: '照片',
      comment: '留言',
    },
    gone: '（已删除）',
    historyTitle: '隐藏和恢复的记录',
    historyHide: '{name}隐藏了{kind}：{reason}',
    historyRestore: '{name}恢复了{kind}',
  },
} as const
