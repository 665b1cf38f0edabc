/**
 * Every string our own UI shows, in Simplified Chinese: the default language, written first. Its
 * literal text is the source of truth for the placeholders: `Strings` (the type every language's
 * table has, and `t` in the app) gives each message the `{placeholders}` of its Chinese text.
 *
 * One file per area of the app; this module puts them together. The browser loads it through
 * src/i18n/zhCN.ts (its own chunk: a page loads only the language in use, see src/i18n/lang.ts);
 * the English table is ../en/index.ts. tldraw's own UI strings come from its translations
 * (@tldraw/assets); only the few we override are built from these tables (`tldrawMessages` in
 * src/i18n/lang.ts).
 *
 * Words are kept plain and short: many residents using the board are elderly and new to such tools.
 * Placeholders are written `{name}` and filled by `format()` (../messages.ts); both languages use the
 * same ones. A message whose English wording depends on a number is a plural: `plural('count',
 * { other: '…{count}…' })` here (Chinese has one form), with its singular and plural forms in English.
 */
import { asMessages, type Messages } from '../messages.js'
import { appStrings } from './app.js'
import { boardStrings } from './board.js'
import { errorsStrings } from './errors.js'
import { exportStrings } from './export.js'
import { measureStrings } from './measure.js'
import { moderationStrings } from './moderation.js'
import { meetingStrings } from './meeting.js'
import { negotiateStrings } from './negotiate.js'
import { noticeStrings } from './notice.js'
import { participationStrings } from './participation.js'
import { privateModeStrings } from './privateMode.js'
import { projectsStrings } from './projects.js'
import { proxyStrings } from './proxy.js'
import { tasksStrings } from './tasks.js'
import { workflowStrings } from './workflow.js'
import { workspaceStrings } from './workspace.js'

const table = {
  ...appStrings,
  ...boardStrings,
  ...errorsStrings,
  ...participationStrings,
  ...exportStrings,
  ...negotiateStrings,
  ...projectsStrings,
  ...workflowStrings,
  ...measureStrings,
  ...moderationStrings,
  ...privateModeStrings,
  ...proxyStrings,
  ...meetingStrings,
  ...workspaceStrings,
  ...noticeStrings,
  ...tasksStrings,
}

/** The Chinese table as written (literal types), for checking other languages against it. */
export type ZhTable = typeof table

/** The shape every language must have, each message typed with its placeholders. */
export type Strings = Messages<ZhTable>

export const zh: Strings = asMessages(table)
