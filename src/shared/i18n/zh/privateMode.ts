/**
 * The Chinese strings of private mode (各自先想, "think first on your own"): the organizer's start
 * and reveal, and the banner everyone sees while it runs. Part of the table assembled in ./index.ts.
 */
import { plural } from './plural.js'

export const privateModeStrings = {
  privateMode: {
    tool: '各自先想',
    toolLabel: '让大家先各自想，主持人再一起公布',
    startTitle: '各自先想',
    introNeeds: '开始后，每个人只能看到自己提的需求。等您按“公布给大家看”，大家的需求一下子全部显示出来，再一起打钩。',
    introComments: '开始后，每个人只能看到自己对方案的意见。等您按“公布给大家看”，大家的意见一下子全部显示出来。',
    leadersLabel: '这段时间里，主持人和居委能看到什么？',
    leadersCounts: '只看到有几条（谁都不先看，更公平）',
    leadersContent: '能看到内容（方便提前整理）',
    start: '开始各自先想',
    cancel: '不开始',
    bannerNeeds: '各自先想：你只能看到自己提的需求，主持人公布后大家一起看。',
    bannerComments: '各自先想：你只能看到自己对方案的意见，主持人公布后大家一起看。',
    bannerLeadersContent: '各自先想：居民和专家只能看到自己的，你能看到全部。公布后大家一起看。',
    bannerLeadersCounts: '各自先想：每个人只能看到自己的，你也只看到有几条。公布后大家一起看。',
    count: plural('count', { other: '大家已经写了 {count} 条，其中你写的 {mine} 条。' }),
    ticksLater: '主持人公布以后才能打钩。',
    reveal: '公布给大家看',
    /** For the organizer: a stage move ends the period too (server: revealOnStageMove). */
    stageMoveReveals: '换阶段时也会自动公布。',
    revealing: '正在公布…',
    revealedNeeds: '主持人已经公布了，现在能看到大家的需求，可以打钩了。',
    revealedComments: '主持人已经公布了，现在能看到大家对方案的意见。',
    dismiss: '知道了',
    mergeLater: '这条是“各自先想”时提的，主持人公布以后才能合并。',
  },
}
