/**
 * Every string our own UI shows, in English: the same keys and placeholders as the Chinese table
 * (../zh/index.ts, which defines `Strings`). The browser loads it through src/i18n/en.ts, only when
 * someone chooses English.
 */
import type { ExpectNone, Mismatches } from '../messages.js'
import type { Strings, ZhTable } from '../zh/index.js'
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

/**
 * Compiles only while the English table has exactly the Chinese keys and, in every message, the
 * Chinese placeholders; otherwise the error names the dotted keys that differ.
 */
export type EnglishMatchesChinese = ExpectNone<Mismatches<ZhTable, typeof table>>

// Checked just above: the same keys and placeholders, so the English text can stand where the
// Chinese does. The cast only adds the placeholder types (nothing at runtime).
export const en: Strings = table as unknown as Strings
