/**
 * What other features may use of export: the export dialog, which loads its own code when opened.
 * The editor's bridge (./ExportEditorBridge, tldraw) and the home page's import entry
 * (./ImportProjectEntry, which brings export.css) are imported by their own paths, so neither comes
 * with this file (eslint.config.js, FEATURE_PARTS).
 */
export { LazyExportDialog } from './LazyExportDialog'
export { noticeDrawing } from './noticeDrawing'
