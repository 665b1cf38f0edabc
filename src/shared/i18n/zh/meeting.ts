/**
 * The Chinese strings of the in-room meeting's lead and speaking order: following the presenter's
 * screen, leading it, hands up and the speaking queue. Part of the table assembled in ./index.ts.
 */
export const meetingStrings = {
  meeting: {
    lead: {
      following: '正在跟随 {name} 的画面',
      stepOut: '离开',
      /** Read out: starts with the words shown (WCAG 2.5.3), as the labels below. */
      stepOutLabel: '离开：不跟随了，自己看图',
      followAgain: '回到跟随',
      followAgainLabel: '回到跟随：{name} 的画面',
      take: '带大家看我的画面',
      takeFor: '看这里 {minutes} 分钟',
      timerLabel: '请大家看这里',
      leading: '大家正在跟随您的画面',
      leadingUntil: '大家正在跟随您的画面（计时结束自动停止）',
      release: '结束带领',
    },
    hands: {
      raise: '举手发言',
      raiseLabel: '举手发言：排队等主持人请您发言',
      lower: '放下手',
      waiting: '您已举手，前面还有 {ahead} 人',
      waitingFirst: '您已举手，下一个就是您',
      speakNow: '请您发言',
      speakNowMore: '主持人{name}请您发言。',
      done: '我说完了',
      queueTitle: '举手发言（{count} 人）',
      queueEmpty: '还没有人举手。',
      waited: '等了 {minutes} 分钟',
      waitedJustNow: '刚刚举手',
      callNext: '请下一位发言',
      open: '开始举手发言',
      end: '结束举手发言',
      speaking: '正在发言：{name}',
    },
  },
} as const
