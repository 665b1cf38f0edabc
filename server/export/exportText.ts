/**
 * The words of the exports (CSV header rows, the PDF report), in both interface languages. They live
 * on the server because the server writes the files; the wording follows src/i18n/strings.ts (role,
 * stage and source names are the ones the board shows).
 */
import type { ExportLang } from '../../src/shared/exportApi.js'
import type { CommentTargetKind, NeedSource, VoteMode } from '../../src/shared/participation.js'
import type { Role, Stage } from '../../src/shared/workflow.js'

export interface ExportText {
  roles: Record<Role, string>
  stages: Record<Stage, string>
  sources: Record<NeedSource, string>
  voteModes: Record<VoteMode, string>
  targetKinds: Record<CommentTargetKind, string>
  yes: string
  no: string
  open: string
  closed: string
  csv: {
    needs: string[]
    votes: string[]
    comments: string[]
  }
  report: {
    title: string
    draft: string
    site: string
    area: string
    brief: string
    created: string
    agreedAt: string
    notAgreed: string
    exportedAt: string
    stageNow: string
    participants: string
    participantsCount: string
    timeline: string
    timelineEmpty: string
    move: string
    by: string
    agreedOption: string
    optionOfReport: string
    noOptionAgreed: string
    noOptionDrawing: string
    boardOverview: string
    noBoardDrawing: string
    addressesNeeds: string
    needs: string
    needsEmpty: string
    needColumns: [string, string, string, string]
    ticksLine: string
    merged: string
    votes: string
    votesEmpty: string
    voteHeading: string
    ballots: string
    resultsHidden: string
    points: string
    anonymous: string
    named: string
    revisions: string
    revisionsEmpty: string
    revisionDone: string
    revisionOpen: string
    answer: string
    comments: string
    commentsEmpty: string
    replies: string
    resolved: string
    approvals: string
    approvalsEmpty: string
    currentApprovals: string
    quorum: string
    confirmedBy: string
    agreementWithout: string
    reopened: string
    linkBack: string
    linkHelp: string
    page: string
    option: string
    deletedOption: string
  }
}

const zh: ExportText = {
  roles: { organizer: '组织者', expert: '专家', committee: '居委', resident: '居民' },
  stages: { organize: '组织搭平台', needs: '收集需求', siteVisit: '专家实地察', negotiate: '多方共协商', agreed: '方案定稿' },
  sources: { board: '图上', paper: '纸质意见', questionnaire: '问卷', meeting: '居民会议' },
  voteModes: { single: '单选', dots: '贴点' },
  targetKinds: { need: '需求', option: '方案', shape: '图上位置' },
  yes: '是',
  no: '否',
  open: '进行中',
  closed: '已结束',
  csv: {
    needs: ['编号', '类别', '内容', '来源', '代提居民数', '打钩数', '支持数', '提出人', '角色', '阶段', '提出时间', '对应方案', '合并到'],
    votes: ['投票编号', '方式', '匿名', '状态', '方案', '票数', '投票人（记名）', '结束时间'],
    comments: ['讨论编号', '对象类型', '对象', '阶段', '留言人', '角色', '内容', '提到', '时间', '已解决'],
  },
  report: {
    title: '共绘 项目报告',
    draft: '草稿 draft',
    site: '场地',
    area: '小区',
    brief: '说明',
    created: '开始日期',
    agreedAt: '定稿日期',
    notAgreed: '尚未定稿',
    exportedAt: '导出时间',
    stageNow: '当前阶段',
    participants: '参与者',
    participantsCount: '{count} 人',
    timeline: '阶段记录',
    timelineEmpty: '还没有换过阶段。',
    move: '{from} → {to}',
    by: '{name}，{time}',
    agreedOption: '定稿方案',
    optionOfReport: '方案',
    noOptionAgreed: '还没有定稿的方案。',
    noOptionDrawing: '（导出时没有附上方案图。）',
    boardOverview: '白板全图',
    noBoardDrawing: '（导出时没有附上白板全图。）',
    addressesNeeds: '回应的需求：{count} 条',
    needs: '需求',
    needsEmpty: '还没有需求。',
    needColumns: ['类别', '内容', '打钩 / 支持', '对应方案'],
    ticksLine: '{ticks} / {support}',
    merged: '（已合并到其他需求）',
    votes: '投票结果',
    votesEmpty: '还没有投票。',
    voteHeading: '{mode}投票，{anonymity}，{status}',
    ballots: '{count} 人投票',
    resultsHidden: '投票结束后才公布结果。',
    points: '{points} 票',
    anonymous: '匿名',
    named: '记名',
    revisions: '修改意见与回复',
    revisionsEmpty: '没有修改意见。',
    revisionDone: '已改好',
    revisionOpen: '待处理',
    answer: '回复',
    comments: '讨论摘要',
    commentsEmpty: '没有讨论。',
    replies: '{count} 条回复',
    resolved: '已解决',
    approvals: '同意与确认记录',
    approvalsEmpty: '还没有居委成员同意。',
    currentApprovals: '当前的同意',
    quorum: '需要 {n} 位居委成员同意',
    confirmedBy: '组织者 {name} 于 {time} 确认定稿',
    agreementWithout: '组织者 {name} 于 {time} 直接进入定稿阶段（没有选定方案）',
    reopened: '{name} 于 {time} 重新打开协商：{reason}',
    linkBack: '在线白板',
    linkHelp: '扫码或打开链接查看在线白板（需要项目链接才能进入）。',
    page: '第 {n} / {total} 页',
    option: '方案',
    deletedOption: '（已删除的方案）',
  },
}

const en: ExportText = {
  roles: { organizer: 'Organizer', expert: 'Expert', committee: 'Committee', resident: 'Resident' },
  stages: { organize: 'Organize', needs: 'Collect needs', siteVisit: 'Site visit', negotiate: 'Negotiate', agreed: 'Agreed' },
  sources: { board: 'On the plan', paper: 'Paper', questionnaire: 'Questionnaire', meeting: 'Meeting' },
  voteModes: { single: 'Single choice', dots: 'Dots' },
  targetKinds: { need: 'Need', option: 'Option', shape: 'Place on the plan' },
  yes: 'yes',
  no: 'no',
  open: 'open',
  closed: 'closed',
  csv: {
    needs: ['id', 'category', 'text', 'source', 'raised by', 'ticks', 'support', 'author', 'role', 'stage', 'created', 'addressed by', 'merged into'],
    votes: ['vote id', 'mode', 'anonymous', 'status', 'option', 'points', 'voter', 'closed at'],
    comments: ['thread id', 'target kind', 'target', 'stage', 'author', 'role', 'text', 'mentions', 'created', 'resolved'],
  },
  report: {
    title: 'CommonGround project report',
    draft: '草稿 draft',
    site: 'Site',
    area: 'Residential area',
    brief: 'Brief',
    created: 'Started',
    agreedAt: 'Agreed',
    notAgreed: 'not agreed yet',
    exportedAt: 'Exported',
    stageNow: 'Current stage',
    participants: 'Participants',
    participantsCount: '{count}',
    timeline: 'Stage timeline',
    timelineEmpty: 'The stage has not been moved yet.',
    move: '{from} → {to}',
    by: '{name}, {time}',
    agreedOption: 'Agreed option',
    optionOfReport: 'Option',
    noOptionAgreed: 'No option has been agreed yet.',
    noOptionDrawing: '(No drawing of the option was attached to this export.)',
    boardOverview: 'Overview of the board',
    noBoardDrawing: '(No drawing of the board was attached to this export.)',
    addressesNeeds: 'Needs it addresses: {count}',
    needs: 'Needs',
    needsEmpty: 'No needs yet.',
    needColumns: ['Category', 'Need', 'Ticks / support', 'Addressed by'],
    ticksLine: '{ticks} / {support}',
    merged: '(merged into another need)',
    votes: 'Vote results',
    votesEmpty: 'No votes yet.',
    voteHeading: '{mode} vote, {anonymity}, {status}',
    ballots: '{count} voted',
    resultsHidden: 'Results are shown when the vote closes.',
    points: '{points}',
    anonymous: 'anonymous',
    named: 'named',
    revisions: 'Revision requests and answers',
    revisionsEmpty: 'No revision requests.',
    revisionDone: 'done',
    revisionOpen: 'open',
    answer: 'Answer',
    comments: 'Discussion in short',
    commentsEmpty: 'No discussion.',
    replies: '{count} replies',
    resolved: 'resolved',
    approvals: 'Approval record',
    approvalsEmpty: 'No committee member has approved yet.',
    currentApprovals: 'Current approvals',
    quorum: '{n} committee approvals needed',
    confirmedBy: 'Confirmed by the organizer {name} on {time}',
    agreementWithout: 'The organizer {name} moved to Agreed on {time} without choosing an option',
    reopened: 'Reopened by {name} on {time}: {reason}',
    linkBack: 'Live board',
    linkHelp: 'Scan the code or open the link to see the live board (a project link is needed to get in).',
    page: 'Page {n} of {total}',
    option: 'Option',
    deletedOption: '(deleted option)',
  },
}

export const EXPORT_TEXT: Record<ExportLang, ExportText> = { 'zh-CN': zh, en }

/** Fill {placeholders}. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? String(values[key]) : m))
}
