/**
 * The few strings the boot view (bootView.ts) words its first view with, in both languages, picked
 * from the string tables at build time (vite.config.ts `bootView`) and written into the boot script
 * as data: the script carries no string table of its own, and every word it shows is the app's own
 * (the same key of the same table), so the two cannot drift apart. Same nested shape as `Strings`,
 * so functions that read a part of a table (stageText.ts, pinLayout.ts) take these as they are.
 */
import type { Strings } from '../i18n/lang'

export function pickBootStrings(t: Strings) {
  const w = t.workflow
  return {
    app: { homeLink: t.app.homeLink },
    status: { connecting: t.status.connecting, connectingHint: t.status.connectingHint },
    lang: { switchTo: t.lang.switchTo, switchLabel: t.lang.switchLabel },
    needs: {
      largeText: t.needs.largeText,
      largeTextOn: t.needs.largeTextOn,
      largeTextLabel: t.needs.largeTextLabel,
      pinCount: t.needs.pinCount,
      pinGroup: t.needs.pinGroup,
      pinGroupLabel: t.needs.pinGroupLabel,
      addNeed: t.needs.addNeed,
    },
    workflow: {
      stages: w.stages,
      roles: w.roles,
      guidance: w.guidance,
      readonly: w.readonly,
      stageBar: { label: w.stageBar.label, stepOf: w.stageBar.stepOf, details: w.stageBar.details, yourTaskAs: w.stageBar.yourTaskAs, done: w.stageBar.done },
      tools: { history: w.tools.history, historyLabel: w.tools.historyLabel },
    },
    identity: { tool: t.identity.tool, toolLabel: t.identity.toolLabel },
    board: { phone: { fit: t.board.phone.fit, fitLabel: t.board.phone.fitLabel, draw: t.board.phone.draw, drawLabel: t.board.phone.drawLabel } },
    privateMode: { bannerNeeds: t.privateMode.bannerNeeds, bannerComments: t.privateMode.bannerComments, count: t.privateMode.count },
    tasks: { late: t.tasks.late, status: t.tasks.status, pinLabel: t.tasks.pinLabel, photoPin: t.tasks.photoPin },
    participation: { showPanel: t.participation.showPanel, tabs: t.participation.tabs, panelLabel: t.participation.panelLabel },
  }
}

export type BootStrings = ReturnType<typeof pickBootStrings>
