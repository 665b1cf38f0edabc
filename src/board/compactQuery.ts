/**
 * A phone-sized screen (the same breakpoint as the stage bar's compact form in workflow.css). Its
 * own file, free of React, so vite.config.ts reads the same query for the page preloads.
 */
export const COMPACT_QUERY = '(max-width: 719px), (max-height: 479px) and (pointer: coarse)'
