/**
 * The Chinese strings of entering for a resident without a phone (代录) and paper ballots: the
 * committee's panel, the lines in needs and vote results, and the exports' words. Part of the table
 * assembled in ./index.ts.
 */
import { plural } from './plural.js'

export const proxyStrings = {
  proxy: {
    open: '代录',
    openLabel: '替没有手机的居民录入',
    title: '替居民录入（代录）',
    intro: '先选是哪位居民，再替她打钩或投票。每一条都会记下“谁替谁录入”。',
    close: '关闭',
    pickResident: '是哪位居民？',
    noResidents: '还没有居民。可以在下面新加一位。',
    newResident: '新加一位居民（没有手机）',
    name: '姓名',
    unit: '楼栋/门牌（可不填）',
    add: '添加',
    forWhom: '正在替 {name} 录入',
    change: '换一位',
    needHeading: '替她提需求',
    needCategory: '哪一类',
    needText: '她的需求（照她的话写）',
    needPlaced: '图钉会放在您现在看的地图正中间。',
    needAdd: '替她提交',
    needDone: '已替她提交',
    needsHeading: '替她打钩（“我也要”）',
    noNeeds: '现在没有可以打钩的需求。',
    tickFor: '替她打钩',
    ticked: '已打钩',
    untick: '取消代打的钩',
    voteHeading: '替她投票',
    noVote: '现在没有进行中的投票。',
    ballotFor: '替她投这个',
    voted: '她这次已经投过票了',
    paperHeading: '录入纸质选票',
    paperIntro: '把纸质选票一起录入：每个方案填张数，再写明从哪里收来的。',
    paperCount: '{title}：张数',
    paperCountDots: '{title}：点数',
    paperSource: '来源',
    paperSourceHint: '例如：纸质选票，3号楼活动室',
    paperAdd: '加入统计',
    paperBatches: '已录入的纸质选票',
    paperBatch: '{source}：{counts}（{by} 录入）',
    paperRemove: '删除这批',
    paperRemoved: '已删除（{by}）',
    paperCorrected: '已更正（{by}）',
    paperCorrect: '更正',
    paperSave: '保存更正',
    clashesHeading: '需要处理的冲突',
    clash: '{name} 又用自己的手机投票（{time}），可是委员会已经替她投过了。',
    keepCommittee: '保留代录的票',
    keepOwn: '删掉代录的票，让她自己投',
    clashKept: '已处理：{by} 保留了代录的票',
    clashOwn: '已处理：{by} 删掉了代录的票',
    /** On a need card, in vote results, everywhere a count holds entries made for residents. */
    enteredBy: '{role} {by} 代 {for} 录入',
    /** After a voter's name: 王阿姨（居委 刘主任 代录）. */
    enteredShort: '{role} {by} 代录',
    tickCount: plural('count', { other: '含代录 {count}' }),
    ballotCount: plural('count', { other: '含代录 {count} 票' }),
    paperLine: plural('count', { other: '纸质 {count} 票' }),
    paperLineDots: plural('count', { other: '纸质 {count} 点' }),
    /** The needs CSV's last column. */
    csvColumn: '代录',
    /** On her own phone, when the committee entered her ballot. */
    enteredForYou: '{role} {by} 已经替您投了这一票。',
    voteMyself: '不是我的选择，我要自己投',
    done: '已录入',
  },
} as const
