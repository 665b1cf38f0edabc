/**
 * The Chinese table as the browser loads it: its own chunk, imported only by src/i18n/lang.ts
 * (`loadStrings`) and src/i18n/strings.ts (tests). The table itself lives in src/shared/i18n/zh/,
 * one file per area, so the server's exports can read the same words (server/export/exportText.ts).
 * vite.config.ts's preload and the bundle benchmark find the chunk by this module's name.
 */
export { zh as zhCN, type Strings } from '../shared/i18n/zh/index.js'
