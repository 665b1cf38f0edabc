/**
 * What other features may use of the public notice (公示): the stage bar's notice tool, whose panel
 * loads its own code when opened. The public page (./NoticePage) is a page of its own, loaded by
 * src/app/pages.tsx by its own path (eslint.config.js, FEATURE_PARTS).
 */
export { NoticeTool } from './NoticeTool'
