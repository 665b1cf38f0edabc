/**
 * The order test files start in: longest first. Two workers pull files from one queue, so the run
 * ends when the last file started ends; a long file started last (Vitest's own order on a clean
 * clone, with no timings cached, is by file size, and the layout test is short to read but runs
 * for minutes) keeps one worker busy long after the other is done. Longest first bounds that tail.
 *
 * The seconds are what each file took in a full run on two cores (`npx vitest run --reporter=json
 * --outputFile=…`, 2026-12-07, the files of 8 s or more): a rough guide, not kept to the second. A
 * file not listed counts as a short browser test if it is under test/e2e/, and as a quick one
 * otherwise.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node'

const SECONDS: Record<string, number> = {
  'test/e2e/layout.test.ts': 294,
  'test/server/presenceLoad.test.ts': 120,
  'test/e2e/projector.test.ts': 91,
  'test/e2e/participation.test.ts': 86,
  'test/e2e/bootView.test.ts': 63,
  'test/e2e/board.test.ts': 56,
  'test/e2e/presence.test.ts': 52,
  'test/e2e/accessibility.test.ts': 44,
  'test/e2e/notice.test.ts': 44,
  'test/e2e/lightView.test.ts': 42,
  'test/e2e/moderation.test.ts': 39,
  'test/server/exportReport.test.ts': 38,
  'test/e2e/meetingLead.test.ts': 37,
  'test/e2e/optionsOnPlan.test.ts': 34,
  'test/e2e/identity.test.ts': 33,
  'test/e2e/offlinePanels.test.ts': 33,
  'test/e2e/cluster.test.ts': 29,
  'test/e2e/ownShapes.test.ts': 27,
  'test/server/cluster.test.ts': 27,
  'test/server/clusterSync.test.ts': 27,
  'test/e2e/xss.test.ts': 25,
  'test/server/clusterProjects.test.ts': 25,
  'test/e2e/onePresence.test.ts': 24,
  'test/e2e/phoneBoard.test.ts': 23,
  'test/e2e/export.test.ts': 21,
  'test/e2e/refused.test.ts': 21,
  'test/e2e/history.test.ts': 20,
  'test/e2e/project.test.ts': 18,
  'test/e2e/tasks.test.ts': 18,
  'test/e2e/proxyEntry.test.ts': 17,
  'test/e2e/privateMode.test.ts': 15,
  'test/e2e/workspace.test.ts': 15,
  'test/e2e/rareHanFont.test.ts': 13,
  'test/server/sqlContract.test.ts': 13,
  'test/server/syncFuzz.test.ts': 12,
  'test/server/pgOutage.test.ts': 11,
  'test/server/storageContract.test.ts': 10,
}
const E2E_SECONDS = 20
const OTHER_SECONDS = 5

function seconds(file: string): number {
  const rel = file.replace(/\\/g, '/').replace(/^.*?(?=test\/)/, '')
  return SECONDS[rel] ?? (rel.startsWith('test/e2e/') ? E2E_SECONDS : OTHER_SECONDS)
}

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => seconds(b.moduleId) - seconds(a.moduleId) || a.moduleId.localeCompare(b.moduleId))
  }
}
