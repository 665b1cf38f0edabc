/** The English strings of the meeting's lead and speaking order (same keys as ../zh/meeting.ts). */
import type { Translation } from '../messages.js'
import type { meetingStrings as zh } from '../zh/meeting.js'

export const meetingStrings = {
  meeting: {
    lead: {
      following: 'Following {name}’s screen',
      stepOut: 'Leave',
      stepOutLabel: 'Leave: stop following and look around yourself',
      followAgain: 'Follow again',
      followAgainLabel: 'Follow again: {name}’s screen',
      take: 'Everyone follow my screen',
      takeFor: 'Look here for {minutes} min',
      timerLabel: 'Everyone look here',
      leading: 'Everyone is following your screen',
      leadingUntil: 'Everyone is following your screen (stops when the timer ends)',
      release: 'Stop leading',
    },
    hands: {
      raise: 'Raise hand',
      raiseLabel: 'Raise hand and wait for the facilitator to call you',
      lower: 'Lower hand',
      waiting: 'Your hand is up; {ahead} before you',
      waitingFirst: 'Your hand is up; you are next',
      speakNow: 'Please speak now',
      speakNowMore: '{name} is asking you to speak.',
      done: 'I’m done',
      queueTitle: 'Hands up ({count})',
      queueEmpty: 'No hands up yet.',
      waited: 'waiting {minutes} min',
      waitedJustNow: 'just raised',
      callNext: 'Call the next person',
      open: 'Open hands up',
      end: 'End hands up',
      speaking: 'Speaking: {name}',
    },
  },
} as const satisfies Translation<typeof zh>
