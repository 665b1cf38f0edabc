/**
 * The order test files start in: longest first. Two workers pull files from one queue, so the run
 * ends when the last file started ends; a long file started last (Vitest's own order on a clean
 * clone, with no timings cached, is by file size, and the layout test is short to read but runs
 * for minutes) keeps one worker busy long after the other is done. Longest first bounds that tail.
 *
 * The seconds are what each file took in a full run on two cores (`npx vitest run --reporter=json
 * --outputFile=…`): a rough guide, not kept to the second. A file not listed counts as a browser
 * test's usual time if it is under test/e2e/, and as a quick one otherwise.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node'

const SECONDS: Record<string, number> = {
  'test/e2e/layout.test.ts': 560,
  'test/server/presenceLoad.test.ts': 125,
  'test/e2e/projector.test.ts': 120,
  'test/e2e/participation.test.ts': 105,
  'test/e2e/accessibility.test.ts': 95,
  'test/e2e/board.test.ts': 85,
  'test/e2e/presence.test.ts': 65,
  'test/e2e/lightView.test.ts': 65,
  'test/e2e/moderation.test.ts': 45,
  'test/e2e/privateMode.test.ts': 45,
  'test/e2e/proxyEntry.test.ts': 45,
  'test/e2e/meetingLead.test.ts': 65,
}
const E2E_SECONDS = 40
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
